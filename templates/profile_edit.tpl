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
{{#F_FIRST_NAME}}<div class="field{{#INVALID}} field-error{{/INVALID}}">
<label for="first_name">{{_profile_first_name}} <span class="req">{{_required_marker_text}}</span></label>
<input type="text" id="first_name" name="first_name" value="{{VALUE}}" maxlength="{{MAX}}" autocomplete="given-name" required{{#INVALID}} aria-invalid="true" aria-describedby="first_name-error"{{/INVALID}}>
{{#ERROR}}<p class="error-message" id="first_name-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>{{/F_FIRST_NAME}}
{{#F_LAST_NAME}}<div class="field{{#INVALID}} field-error{{/INVALID}}">
<label for="last_name">{{_profile_last_name}} <span class="req">{{_required_marker_text}}</span></label>
<input type="text" id="last_name" name="last_name" value="{{VALUE}}" maxlength="{{MAX}}" autocomplete="family-name" required{{#INVALID}} aria-invalid="true" aria-describedby="last_name-error"{{/INVALID}}>
{{#ERROR}}<p class="error-message" id="last_name-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>{{/F_LAST_NAME}}
<div class="field"><span class="field-label">{{_email_address}}</span><p>{{EMAIL}}</p><p class="hint">{{_profile_email_fixed}}</p></div>
{{#F_JOB_TITLE}}<div class="field{{#INVALID}} field-error{{/INVALID}}">
<label for="job_title">{{_profile_job_title}}</label>
<p class="hint" id="job_title-hint">{{_profile_job_title_hint}}</p>
<input type="text" id="job_title" name="job_title" value="{{VALUE}}" maxlength="{{MAX}}" autocomplete="organization-title" aria-describedby="job_title-hint{{#INVALID}} job_title-error{{/INVALID}}"{{#INVALID}} aria-invalid="true"{{/INVALID}}>
{{#ERROR}}<p class="error-message" id="job_title-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>{{/F_JOB_TITLE}}
{{#F_MOBILE}}<div class="field{{#INVALID}} field-error{{/INVALID}}">
<label for="mobile_phone">{{_profile_mobile_phone}}</label>
<input type="tel" id="mobile_phone" name="mobile_phone" value="{{VALUE}}" maxlength="{{MAX}}" autocomplete="tel" inputmode="tel"{{#INVALID}} aria-invalid="true" aria-describedby="mobile_phone-error"{{/INVALID}}>
{{#ERROR}}<p class="error-message" id="mobile_phone-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>{{/F_MOBILE}}
{{#F_DIRECT}}<div class="field{{#INVALID}} field-error{{/INVALID}}">
<label for="direct_line">{{_profile_direct_line}}</label>
<input type="tel" id="direct_line" name="direct_line" value="{{VALUE}}" maxlength="{{MAX}}" autocomplete="off" inputmode="tel"{{#INVALID}} aria-invalid="true" aria-describedby="direct_line-error"{{/INVALID}}>
{{#ERROR}}<p class="error-message" id="direct_line-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>{{/F_DIRECT}}
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
