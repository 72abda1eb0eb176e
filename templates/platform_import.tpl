{{%AUTOESCAPE context="HTML"}}
<a class="back-link" href="/platform/occupiers/{{OCC_ID}}/users">{{OCCUPIER_NAME}}: {{_plat_col_users}}</a>
<div class="page-header">
<div>
<h1>{{_plat_add_multiple_users}}</h1>
<p class="page-subtitle">{{OCCUPIER_NAME}}</p>
</div>
<div class="page-actions">
<a class="btn btn-secondary" href="/platform/occupiers/{{OCC_ID}}/import-template.csv" download>{{_plat_imp_template_link}}</a>
</div>
</div>
{{#FILE_ERROR}}<div class="error-summary" role="alert" tabindex="-1" id="import-error"><h2>{{_plat_imp_not_imported}}</h2><ul><li><a href="#file">{{ERROR_TEXT}}</a></li></ul></div>{{/FILE_ERROR}}
{{#REPORT}}<div class="error-summary" role="alert" tabindex="-1" id="import-error"><h2>{{_plat_imp_not_imported}}</h2><p>{{_plat_imp_problems}} {{PROBLEMS}}, {{_plat_imp_bad_rows}} {{BAD_ROWS}}. {{_plat_imp_fix_and_retry}}</p></div>
<section class="panel" aria-labelledby="report-h">
<h2 id="report-h">{{_plat_imp_report}}</h2>
<table class="table" id="import-report">
<thead><tr>
<th scope="col" class="col-num">{{_plat_imp_row}}</th>
<th scope="col">{{_plat_imp_column}}</th>
<th scope="col">{{_plat_imp_value}}</th>
<th scope="col">{{_plat_imp_problem}}</th>
</tr></thead>
<tbody>
{{#PROBLEM}}<tr>
<td data-label="{{_plat_imp_row}}" class="col-num">{{ROW}}</td>
<td data-label="{{_plat_imp_column}}"><code>{{COLUMN}}</code></td>
<td data-label="{{_plat_imp_value}}">{{VALUE}}</td>
<td data-label="{{_plat_imp_problem}}">{{MESSAGE}}</td>
</tr>
{{/PROBLEM}}
</tbody>
</table>
{{#MORE}}<p class="muted">{{_plat_imp_more_problems}} {{MORE_COUNT}}</p>{{/MORE}}
</section>{{/REPORT}}
{{#CHECKED_OK}}<div class="notice notice-success" role="status" id="import-ok">{{_plat_imp_valid}} {{COUNT}} {{_plat_imp_will_be_added}}</div>
{{#CONFIRM}}<form method="post" action="/platform/occupiers/{{OCC_ID}}/import/confirm" class="form-actions" id="import-confirm">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="pending" value="{{TOKEN}}">
<p class="hint">{{_plat_imp_confirm_hint}}</p>
<button type="submit" class="btn btn-primary" data-submit>{{ADD_LABEL}}</button>
</form>{{/CONFIRM}}{{/CHECKED_OK}}
<section class="panel" aria-labelledby="upload-h">
<h2 id="upload-h">{{_plat_imp_upload}}</h2>
<p class="panel-intro">{{_plat_imp_intro}}</p>
<form method="post" action="/platform/occupiers/{{OCC_ID}}/import" enctype="multipart/form-data" class="stack">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="file">{{_plat_imp_file}} <span class="req">({{_required_marker_text}})</span></label>
<p class="hint" id="file-hint">{{_plat_imp_file_hint}}</p>
<input type="file" id="file" name="file" accept=".csv,text/csv" required aria-describedby="file-hint">
</div>
<div class="check">
<input type="checkbox" id="dry_run" name="dry_run" value="1"{{#DRY_RUN_CHECKED}} checked{{/DRY_RUN_CHECKED}}>
<label for="dry_run">{{_plat_imp_dry_run}}</label>
</div>
<div class="form-actions">
<a class="btn btn-secondary" href="/platform/occupiers/{{OCC_ID}}/users">{{_cancel}}</a>
<button type="submit" class="btn btn-primary">{{_plat_imp_submit}}</button>
</div>
</form>
</section>
<section class="panel" aria-labelledby="columns-h">
<h2 id="columns-h">{{_plat_imp_columns}}</h2>
<p class="panel-intro">{{_plat_imp_columns_intro}}</p>
<p>{{_plat_imp_header_line}}</p>
<p class="mono" id="import-header">{{#HCOL}}{{NAME}}{{#SEP}},<wbr>{{/SEP}}{{/HCOL}}</p>
<table class="table" id="import-columns">
<thead><tr><th scope="col">{{_plat_imp_column}}</th><th scope="col">{{_plat_imp_meaning}}</th></tr></thead>
<tbody>
{{#COLUMN}}<tr><td data-label="{{_plat_imp_column}}"><code>{{NAME}}</code>{{#REQUIRED}} <span class="req">({{_required_marker_text}})</span>{{/REQUIRED}}</td><td data-label="{{_plat_imp_meaning}}">{{DOC}}</td></tr>
{{/COLUMN}}
</tbody>
</table>
<h3 class="subhead">{{_plat_imp_export_only}}</h3>
<table class="table">
<thead><tr><th scope="col">{{_plat_imp_column}}</th><th scope="col">{{_plat_imp_meaning}}</th></tr></thead>
<tbody>
{{#XCOLUMN}}<tr><td data-label="{{_plat_imp_column}}"><code>{{NAME}}</code></td><td data-label="{{_plat_imp_meaning}}">{{DOC}}</td></tr>
{{/XCOLUMN}}
</tbody>
</table>
</section>
