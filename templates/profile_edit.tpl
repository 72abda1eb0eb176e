{{%AUTOESCAPE context="HTML"}}
<form method="post" action="/profile/edit" id="profile-form" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="version" value="{{VERSION}}">
<div class="page-header">
<div>
<h1>{{_my_profile}}</h1>
<p class="page-subtitle">{{_profile_edit_subtitle}}</p>
</div>
<div class="page-actions">
<a class="btn btn-secondary" href="/profile">{{_cancel}}</a>
<button type="submit" class="btn btn-primary">{{_save_changes}}</button>
</div>
</div>
{{#ERROR_SUMMARY}}<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title"><h2 id="error-summary-title">{{_errors_summary_title}}</h2><ul>
{{#ERROR_ITEM}}<li><a href="#{{FIELD_ID}}">{{TEXT}}</a></li>
{{/ERROR_ITEM}}</ul></div>{{/ERROR_SUMMARY}}
{{#STALE}}<div class="notice notice-error" role="alert">{{_profile_stale}}</div>{{/STALE}}
<section class="panel" aria-labelledby="details-heading">
<h2 id="details-heading">{{_profile_user_details}}</h2>
<div class="form-grid">
{{>FIRST_NAME_FIELD}}
{{>LAST_NAME_FIELD}}
<div class="field"><span class="field-label">{{_email_address}}</span><p>{{EMAIL}}</p><p class="hint">{{_profile_email_fixed}}</p></div>
{{>JOB_TITLE_FIELD}}
{{>MOBILE_PHONE_FIELD}}
{{>DIRECT_LINE_FIELD}}
{{#ASSIGNED_NUMBER}}<div class="field"><span class="field-label">{{_tel_phone_number}}</span><p class="mono">{{NUMBER}}</p><p class="hint">{{_profile_number_replaces}}</p></div>{{/ASSIGNED_NUMBER}}
{{#F_LANGUAGE}}<div class="field{{#INVALID}} field-error{{/INVALID}}">
<label for="language">{{_profile_language}}</label>
<p class="hint" id="language-hint">{{_profile_language_hint}}</p>
<select id="language" name="language" aria-describedby="language-hint{{#INVALID}} language-error{{/INVALID}}"{{#INVALID}} aria-invalid="true"{{/INVALID}}>
{{#NO_CHOICE}}<option value="" selected>{{_profile_choose_language}}</option>
{{/NO_CHOICE}}{{#LANG_OPTION}}<option value="{{CODE}}" lang="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/LANG_OPTION}}</select>
{{#ERROR}}<p class="error-message" id="language-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>{{/F_LANGUAGE}}
</div>
</section>
{{>WIFI}}
{{>TEL}}
<p class="hint">{{_profile_not_editable_here}}</p>
<div class="form-actions">
<a class="btn btn-secondary" href="/profile">{{_cancel}}</a>
<button type="submit" class="btn btn-primary">{{_save_changes}}</button>
</div>
</form>
