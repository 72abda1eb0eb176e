{{%AUTOESCAPE context="HTML"}}
<a class="back-link" href="/platform/telephony">{{_telephony}}</a>
<div class="page-header">
<div>
<h1>{{NUMBER}}</h1>
<p class="page-subtitle">{{SITE}} · {{_plat_tel_col_extension}} <span class="mono">{{EXTENSION}}</span> · <span class="badge {{STATUS_CLASS}}">{{STATUS_TEXT}}</span></p>
</div>
<div class="page-actions">
<form method="post" action="/platform/telephony/{{ID}}/pin-reset"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="btn btn-secondary">{{_tel_reset_pin}}</button></form>
{{#HANDSET_LOGOUT}}<form method="post" action="/platform/telephony/{{ID}}/handset-logout"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="btn btn-secondary">{{_tel_handset_logout}}</button></form>{{/HANDSET_LOGOUT}}
</div>
</div>
{{#ERROR_SUMMARY}}<div class="error-summary" role="alert" tabindex="-1"><h2>{{_errors_summary_title}}</h2><ul>
{{#ERROR_ITEM}}<li><a href="#{{FIELD_ID}}">{{TEXT}}</a></li>
{{/ERROR_ITEM}}</ul></div>{{/ERROR_SUMMARY}}
<section class="panel" aria-labelledby="alloc-h">
<h2 id="alloc-h">{{_plat_tel_allocation}}</h2>
<dl class="fields">
<div><dt>{{_plat_tel_allocated_to}}</dt><dd id="allocated-to">{{#UNALLOCATED}}<span class="badge badge-outline">{{_plat_tel_unallocated}}</span>{{/UNALLOCATED}}{{#TO_ACCOUNT}}{{_plat_tel_account}} ({{OPERATOR_NAME}}){{/TO_ACCOUNT}}{{#TO_OCCUPIER}}<a href="/platform/occupiers/{{OCC_ID}}/users">{{OCC_NAME}}</a>{{/TO_OCCUPIER}}</dd></div>
</dl>
<form method="post" action="/platform/telephony/{{ID}}/allocate" class="stack">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field{{#ALLOCATION_ERROR}} field-error{{/ALLOCATION_ERROR}}">
<label for="allocation">{{_plat_tel_allocate_to}}</label>
<p class="hint" id="allocation-hint">{{_plat_tel_allocate_hint}}</p>
{{#ALLOCATION_ERROR}}<p class="error-message" id="allocation-error">{{ERROR_TEXT}}</p>{{/ALLOCATION_ERROR}}
<select id="allocation" name="allocation" aria-describedby="allocation-hint{{#ALLOCATION_ERROR}} allocation-error{{/ALLOCATION_ERROR}}"{{#ALLOCATION_ERROR}} aria-invalid="true"{{/ALLOCATION_ERROR}}>
<option value="none"{{#SEL_NONE}} selected{{/SEL_NONE}}>{{_plat_tel_unallocated}}</option>
<option value="account"{{#SEL_ACCOUNT}} selected{{/SEL_ACCOUNT}}>{{_plat_tel_account}} ({{OPERATOR_NAME}})</option>
{{#ALLOC_OPTION}}<option value="{{OCC_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{OCC_NAME}}</option>
{{/ALLOC_OPTION}}
</select>
</div>
<div class="form-actions"><button type="submit" class="btn btn-secondary">{{_plat_tel_save_allocation}}</button></div>
</form>
</section>
<section class="panel" aria-labelledby="assign-h">
<h2 id="assign-h">{{_plat_tel_assignment}}</h2>
<dl class="fields">
<div><dt>{{_plat_tel_assigned_to}}</dt><dd id="assigned-to">{{#ASSIGNED}}{{#USER_LINK}}<a href="{{HREF}}">{{NAME}}</a>{{/USER_LINK}}{{#NO_USER_LINK}}{{NAME}}{{/NO_USER_LINK}} <span class="cell-sub">{{EMAIL}}</span>{{/ASSIGNED}}{{#NOT_ASSIGNED}}<span class="badge badge-outline">{{_not_assigned}}</span>{{/NOT_ASSIGNED}}</dd></div>
</dl>
{{#ALLOCATE_FIRST}}<p class="hint">{{_plat_tel_allocate_first}}</p>{{/ALLOCATE_FIRST}}
{{#ASSIGN_FORM}}<form method="post" action="/platform/telephony/{{ID}}/assign" class="stack">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field{{#ASSIGNEE_ERROR}} field-error{{/ASSIGNEE_ERROR}}">
<label for="assignee">{{_plat_tel_assign_to}}</label>
<p class="hint" id="assignee-hint">{{#TEAM_HINT}}{{_plat_tel_assign_team_hint}} {{/TEAM_HINT}}{{_plat_tel_assign_hint}}</p>
{{#ASSIGNEE_ERROR}}<p class="error-message" id="assignee-error">{{ERROR_TEXT}}</p>{{/ASSIGNEE_ERROR}}
<select id="assignee" name="user" aria-describedby="assignee-hint{{#ASSIGNEE_ERROR}} assignee-error{{/ASSIGNEE_ERROR}}"{{#ASSIGNEE_ERROR}} aria-invalid="true"{{/ASSIGNEE_ERROR}}>
<option value="">{{_not_assigned}}</option>
{{#ASSIGN_OPTION}}<option value="{{USER_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}} ({{EMAIL}})</option>
{{/ASSIGN_OPTION}}
</select>
{{#ASSIGN_TRUNCATED}}<p class="hint">{{_plat_tel_assign_truncated}}</p>{{/ASSIGN_TRUNCATED}}
</div>
<div class="form-actions"><button type="submit" class="btn btn-secondary">{{_plat_tel_save_assignment}}</button></div>
</form>{{/ASSIGN_FORM}}
</section>
<form method="post" action="/platform/telephony/{{ID}}/features">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{>TEL}}
<div class="form-actions"><button type="submit" class="btn btn-primary">{{_save_changes}}</button></div>
</form>
