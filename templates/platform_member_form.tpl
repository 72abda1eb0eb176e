{{%AUTOESCAPE context="HTML"}}
<a class="back-link" href="/platform/account">{{_plat_acc_tab_team}}</a>
<form method="post" action="/platform/account/members/new" data-validate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="page-header">
<h1>{{_plat_acc_add_member}}</h1>
<div class="page-actions">
<a class="btn btn-secondary" href="/platform/account">{{_cancel}}</a>
<button type="submit" class="btn btn-primary" data-submit>{{_plat_acc_add_member_button}}</button>
</div>
</div>
{{#ERRORS}}<div class="error-summary" role="alert" tabindex="-1">
<h2>{{_errors_summary_title}}</h2>
<ul>{{#ERROR}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul>
</div>{{/ERRORS}}
<p class="hint">{{_plat_acc_required_hint}}</p>
<section class="panel" aria-labelledby="member-h">
<h2 id="member-h">{{_plat_acc_member_details}}</h2>
<div class="form-grid">
<div class="field{{#FIRST_NAME_ERROR}} field-error{{/FIRST_NAME_ERROR}}">
<label for="first_name">{{_first_name}} <span class="req">({{_required_marker_text}})</span></label>
{{#FIRST_NAME_ERROR}}<p class="error-message" id="first_name-error">{{MESSAGE}}</p>{{/FIRST_NAME_ERROR}}
<input type="text" id="first_name" name="first_name" value="{{FIRST_NAME_VALUE}}" maxlength="100" required autocomplete="off"{{#FIRST_NAME_ERROR}} aria-invalid="true" aria-describedby="first_name-error"{{/FIRST_NAME_ERROR}}>
</div>
<div class="field{{#LAST_NAME_ERROR}} field-error{{/LAST_NAME_ERROR}}">
<label for="last_name">{{_last_name}} <span class="req">({{_required_marker_text}})</span></label>
{{#LAST_NAME_ERROR}}<p class="error-message" id="last_name-error">{{MESSAGE}}</p>{{/LAST_NAME_ERROR}}
<input type="text" id="last_name" name="last_name" value="{{LAST_NAME_VALUE}}" maxlength="100" required autocomplete="off"{{#LAST_NAME_ERROR}} aria-invalid="true" aria-describedby="last_name-error"{{/LAST_NAME_ERROR}}>
</div>
<div class="field{{#EMAIL_ERROR}} field-error{{/EMAIL_ERROR}}">
<label for="email">{{_email_address}} <span class="req">({{_required_marker_text}})</span></label>
{{#EMAIL_ERROR}}<p class="error-message" id="email-error">{{MESSAGE}}</p>{{/EMAIL_ERROR}}
<input type="email" id="email" name="email" value="{{EMAIL_VALUE}}" maxlength="254" required autocomplete="off" autocapitalize="none" spellcheck="false"{{#EMAIL_ERROR}} aria-invalid="true" aria-describedby="email-error"{{/EMAIL_ERROR}}>
</div>
<div class="field{{#JOB_TITLE_ERROR}} field-error{{/JOB_TITLE_ERROR}}">
<label for="job_title">{{_job_title}}</label>
{{#JOB_TITLE_ERROR}}<p class="error-message" id="job_title-error">{{MESSAGE}}</p>{{/JOB_TITLE_ERROR}}
<input type="text" id="job_title" name="job_title" value="{{JOB_TITLE_VALUE}}" maxlength="100" autocomplete="off"{{#JOB_TITLE_ERROR}} aria-invalid="true" aria-describedby="job_title-error"{{/JOB_TITLE_ERROR}}>
</div>
<div class="field{{#MOBILE_PHONE_ERROR}} field-error{{/MOBILE_PHONE_ERROR}}">
<label for="mobile_phone">{{_mobile_phone}}</label>
{{#MOBILE_PHONE_ERROR}}<p class="error-message" id="mobile_phone-error">{{MESSAGE}}</p>{{/MOBILE_PHONE_ERROR}}
<input type="tel" id="mobile_phone" name="mobile_phone" value="{{MOBILE_PHONE_VALUE}}" maxlength="32" autocomplete="off"{{#MOBILE_PHONE_ERROR}} aria-invalid="true" aria-describedby="mobile_phone-error"{{/MOBILE_PHONE_ERROR}}>
</div>
<div class="field{{#LANGUAGE_ERROR}} field-error{{/LANGUAGE_ERROR}}">
<label for="language">{{_language}}</label>
{{#LANGUAGE_ERROR}}<p class="error-message" id="language-error">{{MESSAGE}}</p>{{/LANGUAGE_ERROR}}
<select id="language" name="language"{{#LANGUAGE_ERROR}} aria-invalid="true" aria-describedby="language-error"{{/LANGUAGE_ERROR}}>
{{#LANG}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/LANG}}</select>
</div>
<div class="field{{#ROLE_ERROR}} field-error{{/ROLE_ERROR}}">
<label for="role">{{_plat_acc_col_role}}</label>
<p class="hint" id="role-hint">{{_plat_acc_role_hint}}</p>
{{#ROLE_ERROR}}<p class="error-message" id="role-error">{{MESSAGE}}</p>{{/ROLE_ERROR}}
<select id="role" name="role" aria-describedby="role-hint{{#ROLE_ERROR}} role-error{{/ROLE_ERROR}}"{{#ROLE_ERROR}} aria-invalid="true"{{/ROLE_ERROR}}>
{{#ROLE}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/ROLE}}</select>
</div>
</div>
<fieldset class="options{{#SITES_ERROR}} field-error{{/SITES_ERROR}}" id="sites">
<legend>{{_plat_acc_sites}}</legend>
{{#SITES_ERROR}}<p class="error-message">{{MESSAGE}}</p>{{/SITES_ERROR}}
{{#SITE}}<div class="check"><input type="checkbox" id="site-{{SITE_ID}}" name="site" value="{{SITE_ID}}"{{#CHECKED}} checked{{/CHECKED}}><label for="site-{{SITE_ID}}">{{SITE_NAME}}</label></div>
{{/SITE}}
</fieldset>
</section>
<section class="panel" aria-labelledby="wifi-h">
<h2 id="wifi-h">{{_wifi_account}}</h2>
<div class="switch"><input type="checkbox" id="wifi" name="wifi" value="1" data-controls="wifi-fields"{{#WIFI_CHECKED}} checked{{/WIFI_CHECKED}}><label for="wifi">{{_create_a_wifi_account}}</label></div>
<p class="hint">{{_wifi_create_hint}}</p>
{{#WIFI_FIELDS}}<div class="dependent form-grid" id="wifi-fields">
<div class="field{{#DEVICE_LIMIT_ERROR}} field-error{{/DEVICE_LIMIT_ERROR}}">
<label for="device_limit">{{_concurrent_device_limit}}</label>
<p class="hint" id="device_limit-hint">{{_device_limit_hint}} {{MIN}}–{{MAX}}</p>
{{#DEVICE_LIMIT_ERROR}}<p class="error-message" id="device_limit-error">{{MESSAGE}}</p>{{/DEVICE_LIMIT_ERROR}}
<input type="number" class="input-short" id="device_limit" name="device_limit" value="{{DEVICE_LIMIT_VALUE}}" min="{{MIN}}" max="{{MAX}}" step="1" aria-describedby="device_limit-hint{{#DEVICE_LIMIT_ERROR}} device_limit-error{{/DEVICE_LIMIT_ERROR}}"{{#DEVICE_LIMIT_ERROR}} aria-invalid="true"{{/DEVICE_LIMIT_ERROR}}>
</div>
<div class="field{{#HOMESITE_ERROR}} field-error{{/HOMESITE_ERROR}}">
<label for="homesite">{{_wifi_homesite}}</label>
{{#HOMESITE_ERROR}}<p class="error-message" id="homesite-error">{{MESSAGE}}</p>{{/HOMESITE_ERROR}}
<select id="homesite" name="homesite"{{#HOMESITE_ERROR}} aria-invalid="true" aria-describedby="homesite-error"{{/HOMESITE_ERROR}}>
<option value="">{{_choose_site}}</option>
{{#HOMESITE}}<option value="{{SITE_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{SITE_NAME}}</option>
{{/HOMESITE}}</select>
</div>
</div>{{/WIFI_FIELDS}}
</section>
<section class="panel" aria-labelledby="access-h">
<h2 id="access-h">{{_plat_acc_platform_access}}</h2>
<div class="switch{{#INVITE_ERROR}} field-error{{/INVITE_ERROR}}"><input type="checkbox" id="invite" name="invite" value="1"{{#INVITE_CHECKED}} checked{{/INVITE_CHECKED}} aria-describedby="invite-hint{{#INVITE_ERROR}} invite-error{{/INVITE_ERROR}}"{{#INVITE_ERROR}} aria-invalid="true"{{/INVITE_ERROR}}><label for="invite">{{_plat_acc_invite}}</label>
<p class="hint" id="invite-hint">{{_plat_acc_invite_hint}}</p>
{{#INVITE_ERROR}}<p class="error-message" id="invite-error">{{MESSAGE}}</p>{{/INVITE_ERROR}}</div>
</section>
<div class="form-actions">
<a class="btn btn-secondary" href="/platform/account">{{_cancel}}</a>
<button type="submit" class="btn btn-primary" data-submit>{{_plat_acc_add_member_button}}</button>
</div>
</form>
