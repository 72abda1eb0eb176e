{{%AUTOESCAPE context="HTML"}}
<a class="back-link" href="/platform/occupiers/{{OCC_ID}}/users">{{OCCUPIER_NAME}}: {{_plat_col_users}}</a>
<div class="page-header">
<div>
<h1>{{TITLE}}</h1>
<p class="page-subtitle">{{OCCUPIER_NAME}}</p>
</div>
</div>
{{#NONE}}<section class="panel confirm-panel">
<div class="notice notice-error" role="alert">{{_plat_bulk_none}}</div>
<p><a class="btn btn-secondary" href="/platform/occupiers/{{OCC_ID}}/users">{{_back}}</a></p>
</section>{{/NONE}}
{{#FORM}}
<section class="panel confirm-panel" aria-labelledby="bulk-h">
<h2 id="bulk-h">{{COUNT}} {{_plat_bulk_selected}}</h2>
{{#HOMESITE}}{{#HOMESITE_ERROR}}<div class="error-summary" role="alert" tabindex="-1"><h2>{{_errors_summary_title}}</h2><ul><li><a href="#homesite">{{ERROR_TEXT}}</a></li></ul></div>{{/HOMESITE_ERROR}}{{/HOMESITE}}
<ul>
{{#USER}}<li>{{NAME}} <span class="muted">{{EMAIL}}</span></li>
{{/USER}}
{{#MORE}}<li>{{_plat_bulk_and}} {{MORE_COUNT}} {{_plat_bulk_more}}</li>{{/MORE}}
</ul>
<form method="post" action="/platform/occupiers/{{OCC_ID}}/users/bulk" class="stack">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="action" value="{{ACTION}}">
{{#ALL_MATCHING}}<input type="hidden" name="all_matching" value="1">
<input type="hidden" name="q" value="{{Q}}">{{/ALL_MATCHING}}
{{#SELECTED}}<input type="hidden" name="user" value="{{ID}}">
{{/SELECTED}}
{{#DELETE}}<p>{{_plat_bulk_delete_confirm}}</p>
<input type="hidden" name="confirmed" value="1">
<div class="form-actions">
<a class="btn btn-secondary" href="/platform/occupiers/{{OCC_ID}}/users">{{_cancel}}</a>
<button type="submit" class="btn btn-danger">{{_plat_bulk_delete_button}}</button>
</div>{{/DELETE}}
{{#HOMESITE}}<div class="field{{#HAS_ERROR}} field-error{{/HAS_ERROR}}">
<label for="homesite">{{_plat_bulk_new_homesite}}</label>
<p class="hint" id="homesite-hint">{{_plat_bulk_homesite_hint}}</p>
{{#HOMESITE_ERROR}}<p class="error-message" id="homesite-error">{{ERROR_TEXT}}</p>{{/HOMESITE_ERROR}}
<select id="homesite" name="homesite" required aria-describedby="homesite-hint{{#HAS_ERROR}} homesite-error{{/HAS_ERROR}}"{{#HAS_ERROR}} aria-invalid="true"{{/HAS_ERROR}}>
{{#SITE}}<option value="{{SITE_ID}}">{{SITE_NAME}}</option>
{{/SITE}}
</select>
</div>
<div class="form-actions">
<a class="btn btn-secondary" href="/platform/occupiers/{{OCC_ID}}/users">{{_cancel}}</a>
<button type="submit" class="btn btn-primary">{{_plat_bulk_homesite_button}}</button>
</div>{{/HOMESITE}}
</form>
</section>
{{/FORM}}
