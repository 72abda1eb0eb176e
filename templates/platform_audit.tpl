{{%AUTOESCAPE context="HTML"}}
{{#OCCUPIER}}<a class="back-link" href="/platform/occupiers/{{OCC_ID}}/users">{{OCCUPIER_NAME}}: {{_plat_col_users}}</a>{{/OCCUPIER}}
<div class="page-header">
<div>
<h1>{{_audit_log}}</h1>
{{#OCCUPIER}}<p class="page-subtitle">{{OCCUPIER_NAME}}{{#SUBJECT}}: {{SUBJECT}}{{/SUBJECT}}</p>{{/OCCUPIER}}
{{#PORTAL_OCC}}<p class="page-subtitle">{{OCCUPIER_NAME}}</p>{{/PORTAL_OCC}}
</div>
</div>
<form method="get" action="{{BASE}}" class="panel audit-filters" role="search" aria-labelledby="filters-h">
<h2 id="filters-h" class="visually-hidden">{{_audit_filters}}</h2>
<div class="form-grid">
<div class="field">
<label for="q">{{_plat_audit_filter}}</label>
<input type="search" id="q" name="q" value="{{Q}}" maxlength="100" autocomplete="off">
</div>
<div class="field">
<label for="who">{{_audit_who}}</label>
<input type="search" id="who" name="who" value="{{WHO}}" maxlength="100" autocomplete="off">
</div>
<div class="field{{#WHAT_ERROR}} field-error{{/WHAT_ERROR}}">
<label for="what">{{_audit_what}}</label>
{{#WHAT_ERROR}}<p class="error-message" id="what-error">{{MESSAGE}}</p>{{/WHAT_ERROR}}
<select id="what" name="what"{{#WHAT_ERROR}} aria-invalid="true" aria-describedby="what-error"{{/WHAT_ERROR}}>
<option value="">{{_audit_what_any}}</option>
{{#WHAT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/WHAT}}</select>
</div>
<div class="field{{#FROM_ERROR}} field-error{{/FROM_ERROR}}">
<label for="from">{{_audit_from}}</label>
{{#FROM_ERROR}}<p class="error-message" id="from-error">{{MESSAGE}}</p>{{/FROM_ERROR}}
<input type="date" id="from" name="from" value="{{FROM}}"{{#FROM_ERROR}} aria-invalid="true" aria-describedby="from-error"{{/FROM_ERROR}}>
</div>
<div class="field{{#TO_ERROR}} field-error{{/TO_ERROR}}">
<label for="to">{{_audit_to}}</label>
{{#TO_ERROR}}<p class="error-message" id="to-error">{{MESSAGE}}</p>{{/TO_ERROR}}
<input type="date" id="to" name="to" value="{{TO}}"{{#TO_ERROR}} aria-invalid="true" aria-describedby="to-error"{{/TO_ERROR}}>
</div>
</div>
<div class="form-actions"><button type="submit" class="btn btn-secondary">{{_filter}}</button></div>
</form>
<p class="results-count" id="results-status" aria-live="polite">{{TOTAL}} {{_plat_audit_found}}</p>
<div id="results">
<table class="table" id="audit-entries">
<caption class="visually-hidden">{{_audit_log}}</caption>
<thead><tr>
<th scope="col">{{_plat_audit_when}}</th>
<th scope="col">{{_plat_audit_who}}</th>
<th scope="col">{{_plat_audit_action}}</th>
<th scope="col">{{_plat_audit_subject}}</th>
<th scope="col">{{_plat_audit_change}}</th>
</tr></thead>
<tbody>
{{#ENTRY}}<tr>
<td data-label="{{_plat_audit_when}}" class="nowrap">{{AT}}</td>
<td data-label="{{_plat_audit_who}}">{{ACTOR}}</td>
<td data-label="{{_plat_audit_action}}">{{ACTION}}</td>
<td data-label="{{_plat_audit_subject}}">{{#ENTRY_OCC}}{{#USER_LINK}}<a href="{{HREF}}">{{/USER_LINK}}{{SUBJECT}}{{#USER_LINK}}</a>{{/USER_LINK}}<span class="cell-sub">{{OCC_NAME}}</span>{{/ENTRY_OCC}}{{#NO_OCC}}{{SUBJECT}}{{/NO_OCC}}</td>
<td data-label="{{_plat_audit_change}}">{{#CHANGE}}{{FIELD}}: <del>{{OLD}}</del> <span aria-hidden="true">→</span><span class="visually-hidden">{{_plat_audit_to}}</span> <ins>{{NEW}}</ins>{{/CHANGE}}</td>
</tr>
{{/ENTRY}}
{{#EMPTY}}<tr class="empty-row"><td colspan="5">{{_plat_audit_none}}</td></tr>{{/EMPTY}}
</tbody>
</table>
{{>PAGER}}
</div>
