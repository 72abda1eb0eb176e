{{%AUTOESCAPE context="HTML"}}
<div class="auth">
<div class="auth-card">
<h1>{{_forgot_title}}</h1>
{{#SENT}}<div class="notice notice-info" role="status">{{_forgot_sent}}</div>
<p class="auth-links"><a href="/signin">{{_back_to_sign_in}}</a></p>{{/SENT}}
{{#FORM}}{{#ERROR}}<div class="notice notice-error" role="alert">{{ERROR_TEXT}}</div>{{/ERROR}}
<p>{{_forgot_intro}}</p>
<form method="post" action="/forgot" class="stack">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="email">{{_email_address}}</label>
<input type="email" id="email" name="email" autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="254" required>
</div>
<button type="submit" class="btn btn-primary btn-block">{{_forgot_send}}</button>
</form>
<p class="auth-links"><a href="/signin">{{_back_to_sign_in}}</a></p>{{/FORM}}
</div>
</div>
