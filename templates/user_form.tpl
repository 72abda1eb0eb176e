{{%AUTOESCAPE context="HTML"}}
<a class="back-link" href="{{BACK}}">{{#PORTAL}}{{_user_management}}{{/PORTAL}}{{#PLATFORM}}{{OCCUPIER_NAME}}: {{_users}}{{/PLATFORM}}{{#TEAM}}{{_plat_acc_tab_team}}{{/TEAM}}</a>
<form method="post" action="{{ACTION}}" data-validate>
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#EDITING}}<input type="hidden" name="version" value="{{VERSION}}">{{/EDITING}}
<div class="page-header">
<div>
<h1>{{#ADDING}}{{_add_a_user}}{{/ADDING}}{{#EDITING}}{{HEADING}}: {{NAME}}{{/EDITING}}</h1>
{{#OCCUPIER}}<p class="page-subtitle">{{_occupier}}: {{OCCUPIER_NAME}}</p>{{/OCCUPIER}}
</div>
<div class="page-actions">
<a class="btn btn-secondary" href="{{CANCEL}}">{{_cancel}}</a>
{{#ADDING}}<button type="submit" class="btn btn-primary" data-submit>{{_add_user}}</button>{{/ADDING}}
{{#EDITING}}<button type="submit" class="btn btn-primary" data-submit>{{_save_changes}}</button>{{/EDITING}}
</div>
</div>
{{#CONFLICT}}<div class="notice notice-error" role="alert">{{MESSAGE}}</div>{{/CONFLICT}}
{{#ERRORS}}<div class="error-summary" role="alert" tabindex="-1">
<h2>{{_errors_summary_title}}</h2>
<ul>{{#ERROR}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR}}{{#TEL_ERROR}}<li><a href="#{{FIELD_ID}}">{{TEXT}}</a></li>{{/TEL_ERROR}}</ul>
</div>{{/ERRORS}}
<p class="hint">{{_required_fields_hint}}</p>
<section class="panel" aria-labelledby="details-h">
<h2 id="details-h">{{_user_details}}</h2>
<div class="form-grid">
{{>FIRST_NAME_FIELD}}
{{>LAST_NAME_FIELD}}
{{#EMAIL_EDITABLE}}<div class="field{{#EMAIL_ERROR}} field-error{{/EMAIL_ERROR}}">
<label for="email">{{_email_address}} <span class="req">({{_required_marker_text}})</span></label>
<p class="hint" id="email-hint">{{_email_hint}}</p>
{{#EMAIL_ERROR}}<p class="error-message" id="email-error">{{MESSAGE}}</p>{{/EMAIL_ERROR}}
{{#EMAIL_SEARCH}}<p class="hint"><a href="{{SEARCH_HREF}}">{{_search_title}}</a></p>{{/EMAIL_SEARCH}}
<input type="email" id="email" name="email" value="{{EMAIL_VALUE}}" maxlength="{{EMAIL_MAX}}" required autocomplete="off" autocapitalize="none" spellcheck="false" aria-describedby="email-hint{{#EMAIL_ERROR}} email-error{{/EMAIL_ERROR}}"{{#EMAIL_ERROR}} aria-invalid="true"{{/EMAIL_ERROR}}>
</div>{{/EMAIL_EDITABLE}}
{{#EMAIL_FIXED}}<div class="field">
<label for="email">{{_email_address}}</label>
<input type="email" id="email" value="{{EMAIL_VALUE}}" readonly aria-describedby="email-fixed">
<p class="hint" id="email-fixed">{{_email_not_editable}}</p>
</div>{{/EMAIL_FIXED}}
{{>JOB_TITLE_FIELD}}
{{>MOBILE_PHONE_FIELD}}
{{#DIRECT}}{{>DIRECT_LINE_FIELD}}{{/DIRECT}}
{{#NUMBER}}<div class="field">
<label for="phone_number">{{_phone_number}}</label>
<input type="text" id="phone_number" value="{{PHONE}} ({{_extension}} {{EXT}})" readonly aria-describedby="phone-hint">
<p class="hint" id="phone-hint">{{_phone_number_assigned_hint}}</p>
</div>{{/NUMBER}}
<div class="field{{#LANGUAGE_ERROR}} field-error{{/LANGUAGE_ERROR}}">
<label for="language">{{_language}}</label>
{{#LANGUAGE_ERROR}}<p class="error-message" id="language-error">{{MESSAGE}}</p>{{/LANGUAGE_ERROR}}
<select id="language" name="language"{{#LANGUAGE_ERROR}} aria-invalid="true" aria-describedby="language-error"{{/LANGUAGE_ERROR}}>
{{#LANG}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/LANG}}
</select>
</div>
</div>
{{#TEAM_SITES}}<fieldset class="options{{#SITES_ERROR}} field-error{{/SITES_ERROR}}" id="sites">
<legend>{{_plat_acc_sites}}</legend>
{{#SITES_ERROR}}<p class="error-message">{{MESSAGE}}</p>{{/SITES_ERROR}}
{{#SITE}}<div class="check"><input type="checkbox" id="site-{{SITE_ID}}" name="site" value="{{SITE_ID}}"{{#CHECKED}} checked{{/CHECKED}}><label for="site-{{SITE_ID}}">{{SITE_NAME}}</label></div>
{{/SITE}}
</fieldset>{{/TEAM_SITES}}
</section>
<section class="panel" aria-labelledby="wifi-h">
<h2 id="wifi-h">{{_wifi_account}}</h2>
{{#WIFI_NONE}}<div class="switch"><input type="checkbox" id="wifi" name="wifi" value="1" data-controls="wifi-fields"{{#CHECKED}} checked{{/CHECKED}}><label for="wifi">{{_create_a_wifi_account}}</label></div>
<p class="hint">{{_wifi_create_hint}}</p>{{/WIFI_NONE}}
{{#WIFI_ACTIVE}}<div class="switch"><input type="checkbox" id="wifi_action" name="wifi_action" value="deactivate"{{#CHECKED}} checked{{/CHECKED}}><label for="wifi_action">{{_deactivate_wifi_account}}</label></div>
<p class="hint">{{_wifi_deactivate_hint}}</p>{{/WIFI_ACTIVE}}
{{#WIFI_DEACTIVATED}}<div class="switch"><input type="checkbox" id="wifi_action" name="wifi_action" value="reactivate" data-controls="wifi-fields"{{#CHECKED}} checked{{/CHECKED}}><label for="wifi_action">{{_reactivate_wifi_account}}</label></div>
<p class="hint">{{_wifi_reactivate_hint}}</p>{{/WIFI_DEACTIVATED}}
<div id="wifi-fields" class="dependent form-grid">
<div class="field{{#DEVICE_LIMIT_ERROR}} field-error{{/DEVICE_LIMIT_ERROR}}">
<label for="device_limit">{{_concurrent_device_limit}}</label>
<p class="hint" id="device_limit-hint">{{_device_limit_hint}} {{LIMIT_MIN}}–{{LIMIT_MAX}}</p>
{{#DEVICE_LIMIT_ERROR}}<p class="error-message" id="device_limit-error">{{MESSAGE}}</p>{{/DEVICE_LIMIT_ERROR}}
<input type="number" class="input-short" id="device_limit" name="device_limit" value="{{DEVICE_LIMIT_VALUE}}" min="{{LIMIT_MIN}}" max="{{LIMIT_MAX}}" step="1" required aria-describedby="device_limit-hint{{#DEVICE_LIMIT_ERROR}} device_limit-error{{/DEVICE_LIMIT_ERROR}}"{{#DEVICE_LIMIT_ERROR}} aria-invalid="true"{{/DEVICE_LIMIT_ERROR}}>
</div>
<div class="field{{#HOMESITE_ERROR}} field-error{{/HOMESITE_ERROR}}">
<label for="homesite">{{_wifi_homesite}}</label>
<p class="hint" id="homesite-hint">{{_homesite_hint}}</p>
{{#HOMESITE_ERROR}}<p class="error-message" id="homesite-error">{{MESSAGE}}</p>{{/HOMESITE_ERROR}}
<select id="homesite" name="homesite" required aria-describedby="homesite-hint{{#HOMESITE_ERROR}} homesite-error{{/HOMESITE_ERROR}}"{{#HOMESITE_ERROR}} aria-invalid="true"{{/HOMESITE_ERROR}}>
<option value="">{{_choose_site}}</option>
{{#SITE}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/SITE}}
</select>
</div>
</div>
</section>
{{>TEL}}
{{#ACCOUNT}}<section class="panel" aria-labelledby="acct-h">
<h2 id="acct-h">{{_user_accounts}}</h2>
<div class="form-grid">
{{#ROLE_EDITABLE}}<div class="field{{#ROLE_ERROR}} field-error{{/ROLE_ERROR}}">
<label for="role">{{_role}}</label>
{{#ROLE_ERROR}}<p class="error-message" id="role-error">{{MESSAGE}}</p>{{/ROLE_ERROR}}
<select id="role" name="role"{{#ROLE_ERROR}} aria-invalid="true" aria-describedby="role-error"{{/ROLE_ERROR}}>
<option value="user"{{#USER_SELECTED}} selected{{/USER_SELECTED}}>{{_role_user}}</option>
<option value="admin"{{#ADMIN_SELECTED}} selected{{/ADMIN_SELECTED}}>{{_role_admin}}</option>
{{#SUPER}}<option value="super_admin"{{#SUPER_SELECTED}} selected{{/SUPER_SELECTED}}>{{_plat_acc_role_super_admin}}</option>{{/SUPER}}
</select>
<p class="hint">{{ROLE_HINT}}</p>
</div>{{/ROLE_EDITABLE}}
{{#ROLE_FIXED}}<div class="field">
<label for="role_fixed">{{_role}}</label>
<input type="text" id="role_fixed" value="{{ROLE}}" readonly aria-describedby="role-fixed-hint">
<p class="hint" id="role-fixed-hint">{{_role_locked}}</p>
</div>{{/ROLE_FIXED}}
<div class="field field-wide">
{{#PORTAL_INVITE}}<div class="switch"><input type="checkbox" id="invite_portal" name="invite_portal" value="1"{{#CHECKED}} checked{{/CHECKED}}><label for="invite_portal">{{_send_invite_to_join_portal}}</label></div>{{/PORTAL_INVITE}}
{{#PORTAL_INVITED}}<p>{{_portal}}: <strong>{{_invited}}</strong></p>{{/PORTAL_INVITED}}
{{#APP_INVITE}}<div class="switch"><input type="checkbox" id="invite_app" name="invite_app" value="1"{{#CHECKED}} checked{{/CHECKED}}><label for="invite_app">{{_send_invite_to_join_app}}</label></div>{{/APP_INVITE}}
{{#APP_INVITED}}<p>{{_mobile_app}}: <strong>{{_invited}}</strong></p>{{/APP_INVITED}}
{{#PLATFORM_INVITE}}<div class="switch{{#INVITE_ERROR}} field-error{{/INVITE_ERROR}}"><input type="checkbox" id="invite_portal" name="invite_portal" value="1"{{#CHECKED}} checked{{/CHECKED}} aria-describedby="invite-hint{{#INVITE_ERROR}} invite-error{{/INVITE_ERROR}}"{{#INVITE_ERROR}} aria-invalid="true"{{/INVITE_ERROR}}><label for="invite_portal">{{_plat_acc_invite}}</label>
<p class="hint" id="invite-hint">{{_plat_acc_invite_hint}}</p>
{{#INVITE_ERROR}}<p class="error-message" id="invite-error">{{MESSAGE}}</p>{{/INVITE_ERROR}}</div>{{/PLATFORM_INVITE}}
{{#PLATFORM_INVITED}}<p>{{_plat_acc_platform_access}}: <strong>{{_invited}}</strong></p>{{/PLATFORM_INVITED}}
</div>
</div>
</section>{{/ACCOUNT}}
<div class="form-actions">
<a class="btn btn-secondary" href="{{CANCEL}}">{{_cancel}}</a>
{{#ADDING}}<button type="submit" class="btn btn-primary" data-submit>{{_add_user}}</button>{{/ADDING}}
{{#EDITING}}<button type="submit" class="btn btn-primary" data-submit>{{_save_changes}}</button>{{/EDITING}}
</div>
</form>
