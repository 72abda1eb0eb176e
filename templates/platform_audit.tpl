{{%AUTOESCAPE context="HTML"}}
{{#OCCUPIER}}<a class="back-link" href="/platform/occupiers/{{OCC_ID}}/users">{{OCCUPIER_NAME}}: {{_plat_col_users}}</a>{{/OCCUPIER}}
<div class="page-header">
<div>
<h1>{{_audit_log}}</h1>
{{#OCCUPIER}}<p class="page-subtitle">{{OCCUPIER_NAME}}{{#SUBJECT}}: {{SUBJECT}}{{/SUBJECT}}</p>{{/OCCUPIER}}
</div>
</div>
<div class="list-toolbar">
<p class="results-count" id="results-status" aria-live="polite">{{TOTAL}} {{_plat_audit_found}}</p>
<form method="get" action="{{BASE}}" class="filter" role="search">
<label for="q">{{_plat_audit_filter}}</label>
<input type="search" id="q" name="q" value="{{Q}}" maxlength="100" data-filter="results" data-filter-status="results-status" autocomplete="off">
<button type="submit" class="btn btn-secondary">{{_filter}}</button>
</form>
</div>
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
<td data-label="{{_plat_audit_action}}"><code>{{ACTION}}</code></td>
<td data-label="{{_plat_audit_subject}}">{{#ENTRY_OCC}}{{#USER_LINK}}<a href="{{HREF}}">{{/USER_LINK}}{{SUBJECT}}{{#USER_LINK}}</a>{{/USER_LINK}}<span class="cell-sub">{{OCC_NAME}}</span>{{/ENTRY_OCC}}{{#NO_OCC}}{{SUBJECT}}{{/NO_OCC}}</td>
<td data-label="{{_plat_audit_change}}">{{#CHANGE}}<code>{{FIELD}}</code> <del>{{OLD}}</del> <span aria-hidden="true">→</span><span class="visually-hidden">{{_plat_audit_to}}</span> <ins>{{NEW}}</ins>{{/CHANGE}}</td>
</tr>
{{/ENTRY}}
{{#EMPTY}}<tr class="empty-row"><td colspan="5">{{_plat_audit_none}}</td></tr>{{/EMPTY}}
</tbody>
</table>
{{>PAGER}}
</div>
