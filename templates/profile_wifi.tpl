{{%AUTOESCAPE context="HTML"}}
<a class="back-link" href="/profile">{{_profile_back}}</a>
<div class="page-header">
<h1>{{_profile_wifi_title}}</h1>
</div>
{{#ERROR_SUMMARY}}<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title"><h2 id="error-summary-title">{{_errors_summary_title}}</h2><ul><li><a href="#{{FIELD_ID}}">{{TEXT}}</a></li></ul></div>{{/ERROR_SUMMARY}}
<section class="panel confirm-panel" aria-labelledby="wifi-pw-heading">
<h2 id="wifi-pw-heading">{{_profile_wifi_heading}}</h2>
<div class="notice notice-warning">{{_profile_wifi_warning}}</div>
<form method="post" action="/profile/wifi-password" class="stack" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field{{#PASSWORD_ERROR}} field-error{{/PASSWORD_ERROR}}">
<label for="wifi_password">{{_profile_wifi_password}}</label>
<p class="hint" id="wifi_password-hint">{{_profile_wifi_rule}}</p>
<input type="password" id="wifi_password" name="password" autocomplete="new-password" minlength="8" maxlength="50" required aria-describedby="wifi_password-hint{{#PASSWORD_ERROR}} wifi_password-error{{/PASSWORD_ERROR}}"{{#PASSWORD_ERROR}} aria-invalid="true"{{/PASSWORD_ERROR}}>
{{#PASSWORD_ERROR}}<p class="error-message" id="wifi_password-error">{{ERROR_TEXT}}</p>{{/PASSWORD_ERROR}}
</div>
<div class="field{{#CONFIRM_ERROR}} field-error{{/CONFIRM_ERROR}}">
<label for="wifi_password_confirm">{{_profile_wifi_password_confirm}}</label>
<input type="password" id="wifi_password_confirm" name="password_confirm" autocomplete="new-password" minlength="8" maxlength="50" required{{#CONFIRM_ERROR}} aria-invalid="true" aria-describedby="wifi_password_confirm-error"{{/CONFIRM_ERROR}}>
{{#CONFIRM_ERROR}}<p class="error-message" id="wifi_password_confirm-error">{{ERROR_TEXT}}</p>{{/CONFIRM_ERROR}}
</div>
<div class="form-actions">
<a class="btn btn-secondary" href="/profile">{{_cancel}}</a>
<button type="submit" class="btn btn-primary">{{_profile_set_password}}</button>
</div>
</form>
</section>
