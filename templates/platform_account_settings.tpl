{{%AUTOESCAPE context="HTML"}}
{{>TABS}}
{{#ERRORS}}<div class="error-summary" role="alert" tabindex="-1">
<h2>{{_errors_summary_title}}</h2>
<ul>{{#ERROR}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul>
</div>{{/ERRORS}}
<form method="post" action="/platform/account/settings">
<input type="hidden" name="csrf" value="{{CSRF}}">
<section class="panel" aria-labelledby="brand-h">
<h2 id="brand-h">{{_plat_acc_white_label}}</h2>
<div class="form-grid">
<div class="field{{#OPERATOR_NAME_ERROR}} field-error{{/OPERATOR_NAME_ERROR}}">
<label for="operator_name">{{_plat_acc_operator_name}} <span class="req">({{_required_marker_text}})</span></label>
{{#OPERATOR_NAME_ERROR}}<p class="error-message" id="operator_name-error">{{MESSAGE}}</p>{{/OPERATOR_NAME_ERROR}}
<input type="text" id="operator_name" name="operator_name" value="{{OPERATOR_NAME_VALUE}}" maxlength="100" required{{#OPERATOR_NAME_ERROR}} aria-invalid="true" aria-describedby="operator_name-error"{{/OPERATOR_NAME_ERROR}}>
</div>
<div class="field{{#BRAND_COLOUR_ERROR}} field-error{{/BRAND_COLOUR_ERROR}}">
<label for="brand_colour">{{_plat_acc_brand_colour}} <span class="req">({{_required_marker_text}})</span></label>
<p class="hint" id="brand_colour-hint">{{_plat_acc_brand_colour_hint}}</p>
{{#BRAND_COLOUR_ERROR}}<p class="error-message" id="brand_colour-error">{{MESSAGE}}</p>{{/BRAND_COLOUR_ERROR}}
<input type="text" class="input-short mono" id="brand_colour" name="brand_colour" value="{{BRAND_COLOUR_VALUE}}" maxlength="7" pattern="#[0-9a-fA-F]{6}" required aria-describedby="brand_colour-hint{{#BRAND_COLOUR_ERROR}} brand_colour-error{{/BRAND_COLOUR_ERROR}}"{{#BRAND_COLOUR_ERROR}} aria-invalid="true"{{/BRAND_COLOUR_ERROR}}>
</div>
<div class="field{{#BASE_URL_ERROR}} field-error{{/BASE_URL_ERROR}}">
<label for="base_url">{{_plat_acc_base_url}}</label>
<p class="hint" id="base_url-hint">{{_plat_acc_base_url_hint}}</p>
{{#BASE_URL_ERROR}}<p class="error-message" id="base_url-error">{{MESSAGE}}</p>{{/BASE_URL_ERROR}}
<input type="url" id="base_url" name="base_url" value="{{BASE_URL_VALUE}}" maxlength="200" autocomplete="off" aria-describedby="base_url-hint{{#BASE_URL_ERROR}} base_url-error{{/BASE_URL_ERROR}}"{{#BASE_URL_ERROR}} aria-invalid="true"{{/BASE_URL_ERROR}}>
</div>
</div>
<p></p>
<div class="switch"><input type="checkbox" id="experience" name="experience" value="1"{{#EXPERIENCE_CHECKED}} checked{{/EXPERIENCE_CHECKED}} aria-describedby="experience-hint"><label for="experience">{{_plat_acc_experience}}</label>
<p class="hint" id="experience-hint">{{_plat_acc_experience_hint}}</p></div>
<div class="switch"><input type="checkbox" id="twofa_required" name="twofa_required" value="1"{{#TWOFA_REQUIRED_CHECKED}} checked{{/TWOFA_REQUIRED_CHECKED}}><label for="twofa_required">{{_settings_twofa_required}}</label></div>
<div class="switch"><input type="checkbox" id="invite_reminders" name="invite_reminders" value="1"{{#REMINDERS_CHECKED}} checked{{/REMINDERS_CHECKED}}><label for="invite_reminders">{{_settings_invite_reminders}}</label></div>
</section>
<section class="panel" aria-labelledby="portal-tel-h">
<h2 id="portal-tel-h">{{_plat_acc_portal_tel}}</h2>
<p class="panel-intro">{{_plat_acc_portal_tel_intro}}</p>
<div class="options">
<div class="switch"><input type="checkbox" id="portal_may_cli" name="portal_may_cli" value="1"{{#MAY_CLI_CHECKED}} checked{{/MAY_CLI_CHECKED}}><label for="portal_may_cli">{{_tel_cli}}</label></div>
<div class="switch"><input type="checkbox" id="portal_may_moh" name="portal_may_moh" value="1"{{#MAY_MOH_CHECKED}} checked{{/MAY_MOH_CHECKED}}><label for="portal_may_moh">{{_tel_moh}}</label></div>
<div class="switch"><input type="checkbox" id="portal_may_acr" name="portal_may_acr" value="1"{{#MAY_ACR_CHECKED}} checked{{/MAY_ACR_CHECKED}}><label for="portal_may_acr">{{_tel_acr}}</label></div>
</div>
</section>
<section class="panel" aria-labelledby="contacts-h">
<h2 id="contacts-h">{{_plat_acc_contacts}}</h2>
<p class="panel-intro">{{_plat_acc_contacts_intro}}</p>
<div class="form-grid">
<div class="field{{#BILLING_EMAILS_ERROR}} field-error{{/BILLING_EMAILS_ERROR}}">
<label for="billing_emails">{{_plat_acc_billing_emails}}</label>
<p class="hint" id="billing_emails-hint">{{_plat_acc_contacts_hint}}</p>
{{#BILLING_EMAILS_ERROR}}<p class="error-message" id="billing_emails-error">{{MESSAGE}}</p>{{/BILLING_EMAILS_ERROR}}
<textarea id="billing_emails" name="billing_emails" rows="3" maxlength="2600" autocomplete="off" spellcheck="false" aria-describedby="billing_emails-hint{{#BILLING_EMAILS_ERROR}} billing_emails-error{{/BILLING_EMAILS_ERROR}}"{{#BILLING_EMAILS_ERROR}} aria-invalid="true"{{/BILLING_EMAILS_ERROR}}>{{BILLING_EMAILS_VALUE}}</textarea>
</div>
<div class="field{{#TECHNICAL_EMAILS_ERROR}} field-error{{/TECHNICAL_EMAILS_ERROR}}">
<label for="technical_emails">{{_plat_acc_technical_emails}}</label>
<p class="hint" id="technical_emails-hint">{{_plat_acc_contacts_hint}}</p>
{{#TECHNICAL_EMAILS_ERROR}}<p class="error-message" id="technical_emails-error">{{MESSAGE}}</p>{{/TECHNICAL_EMAILS_ERROR}}
<textarea id="technical_emails" name="technical_emails" rows="3" maxlength="2600" autocomplete="off" spellcheck="false" aria-describedby="technical_emails-hint{{#TECHNICAL_EMAILS_ERROR}} technical_emails-error{{/TECHNICAL_EMAILS_ERROR}}"{{#TECHNICAL_EMAILS_ERROR}} aria-invalid="true"{{/TECHNICAL_EMAILS_ERROR}}>{{TECHNICAL_EMAILS_VALUE}}</textarea>
</div>
<div class="field{{#EMERGENCY_EMAILS_ERROR}} field-error{{/EMERGENCY_EMAILS_ERROR}}">
<label for="emergency_emails">{{_plat_acc_emergency_emails}}</label>
<p class="hint" id="emergency_emails-hint">{{_plat_acc_contacts_hint}}</p>
{{#EMERGENCY_EMAILS_ERROR}}<p class="error-message" id="emergency_emails-error">{{MESSAGE}}</p>{{/EMERGENCY_EMAILS_ERROR}}
<textarea id="emergency_emails" name="emergency_emails" rows="3" maxlength="2600" autocomplete="off" spellcheck="false" aria-describedby="emergency_emails-hint{{#EMERGENCY_EMAILS_ERROR}} emergency_emails-error{{/EMERGENCY_EMAILS_ERROR}}"{{#EMERGENCY_EMAILS_ERROR}} aria-invalid="true"{{/EMERGENCY_EMAILS_ERROR}}>{{EMERGENCY_EMAILS_VALUE}}</textarea>
</div>
</div>
</section>
<div class="form-actions"><button type="submit" class="btn btn-primary">{{_save_changes}}</button></div>
</form>
<section class="panel" aria-labelledby="logo-h">
<h2 id="logo-h">{{_logo}}</h2>
{{#LOGO}}<p><img class="logo-preview" src="{{LOGO_URL}}" alt="{{_logo_current}}" height="48"></p>
<form method="post" action="/platform/account/logo/delete"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="btn btn-small btn-danger-outline">{{_logo_remove}}</button></form>{{/LOGO}}
{{#NO_LOGO}}<p class="muted">{{_logo_none}}</p>{{/NO_LOGO}}
<form method="post" action="/platform/account/logo" enctype="multipart/form-data" class="stack">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field{{#LOGO_ERROR}} field-error{{/LOGO_ERROR}}">
<label for="logo">{{_logo_file}}</label>
<p class="hint" id="logo-hint">{{_logo_hint}}</p>
{{#LOGO_ERROR}}<p class="error-message" id="logo-error">{{MESSAGE}}</p>{{/LOGO_ERROR}}
<input type="file" id="logo" name="logo" accept="image/png,image/jpeg,image/svg+xml" required aria-describedby="logo-hint{{#LOGO_ERROR}} logo-error{{/LOGO_ERROR}}"{{#LOGO_ERROR}} aria-invalid="true"{{/LOGO_ERROR}}>
</div>
<div class="form-actions"><button type="submit" class="btn btn-primary">{{_logo_upload}}</button></div>
</form>
</section>
