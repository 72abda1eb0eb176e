{{%AUTOESCAPE context="HTML"}}
<div class="auth">
<div class="auth-card">
<h1>{{_set_password_title}}</h1>
{{#INVALID}}<div class="notice notice-error" role="alert">{{_link_invalid}}</div>
<p class="auth-links"><a href="/forgot">{{_forgot_password}}</a></p>{{/INVALID}}
{{#FORM}}
{{#ERROR_SUMMARY}}<div class="error-summary" role="alert" tabindex="-1"><h2>{{_errors_summary_title}}</h2><ul><li><a href="#password">{{PASSWORD_ERROR}}</a></li></ul></div>{{/ERROR_SUMMARY}}
<p>{{_set_password_intro}} <strong>{{EMAIL}}</strong></p>
<form method="post" action="/set-password" class="stack">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="username" value="{{EMAIL}}" autocomplete="username">
<div class="field{{#HAS_ERROR}} field-error{{/HAS_ERROR}}">
<label for="password">{{_new_password}}</label>
<p class="hint" id="password-hint">{{_password_rule}}</p>
{{#HAS_ERROR}}<p class="error-message" id="password-error">{{PASSWORD_ERROR}}</p>{{/HAS_ERROR}}
<input type="password" id="password" name="password" autocomplete="new-password" minlength="12" maxlength="128" required aria-describedby="password-hint{{#HAS_ERROR}} password-error{{/HAS_ERROR}}"{{#HAS_ERROR}} aria-invalid="true"{{/HAS_ERROR}}>
</div>
<div class="field">
<label for="password_confirm">{{_confirm_password}}</label>
<input type="password" id="password_confirm" name="password_confirm" autocomplete="new-password" minlength="12" maxlength="128" required>
</div>
<button type="submit" class="btn btn-primary btn-block">{{_set_password_button}}</button>
</form>
{{/FORM}}
{{#CLAIM}}
<form method="post" action="/set-password/claim" class="stack" id="claim-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>{{_set_password_claim_intro}}</p>
<div class="field">
<label for="claim-t">{{_set_password_code}}</label>
<input type="text" id="claim-t" name="t" autocomplete="off" spellcheck="false" required>
</div>
<button type="submit" class="btn btn-primary btn-block">{{_set_password_continue}}</button>
</form>
<script src="/static/setpw.js"></script>
{{/CLAIM}}
</div>
</div>
