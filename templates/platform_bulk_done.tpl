{{%AUTOESCAPE context="HTML"}}
<a class="back-link" href="/platform/occupiers/{{OCC_ID}}/users">{{OCCUPIER_NAME}}: {{_plat_col_users}}</a>
<div class="page-header">
<div>
<h1>{{TITLE}}</h1>
<p class="page-subtitle">{{OCCUPIER_NAME}}</p>
</div>
<div class="page-actions"><a class="btn btn-primary" href="/platform/occupiers/{{OCC_ID}}/users">{{_plat_back_to_users}}</a></div>
</div>
<div class="notice notice-info" role="status" id="bulk-summary">{{_plat_bulk_summary_done}} {{DONE_COUNT}}. {{_plat_bulk_summary_skipped}} {{SKIPPED_COUNT}}.</div>
{{#ANY_DONE}}<section class="panel" aria-labelledby="done-h">
<h2 id="done-h">{{_plat_bulk_done_heading}} ({{DONE_COUNT}})</h2>
<table class="table" id="bulk-done">
<thead><tr><th scope="col">{{_plat_col_name}}</th><th scope="col">{{_email_address}}</th></tr></thead>
<tbody>
{{#DONE}}<tr><td data-label="{{_plat_col_name}}">{{NAME}}</td><td data-label="{{_email_address}}">{{EMAIL}}</td></tr>
{{/DONE}}
</tbody>
</table>
</section>{{/ANY_DONE}}
{{#ANY_SKIPPED}}<section class="panel" aria-labelledby="skipped-h">
<h2 id="skipped-h">{{_plat_bulk_skipped_heading}} ({{SKIPPED_COUNT}})</h2>
<table class="table" id="bulk-skipped">
<thead><tr><th scope="col">{{_plat_col_name}}</th><th scope="col">{{_email_address}}</th><th scope="col">{{_plat_col_reason}}</th></tr></thead>
<tbody>
{{#SKIPPED}}<tr><td data-label="{{_plat_col_name}}">{{NAME}}</td><td data-label="{{_email_address}}">{{EMAIL}}</td><td data-label="{{_plat_col_reason}}">{{REASON}}</td></tr>
{{/SKIPPED}}
</tbody>
</table>
</section>{{/ANY_SKIPPED}}
