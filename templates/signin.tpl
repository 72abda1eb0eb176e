{{%AUTOESCAPE context="HTML"}}
<div class="auth">
<div class="auth-card">
<h1>{{_sign_in}}</h1>
{{#ERROR}}<div class="notice notice-error" role="alert">{{ERROR_TEXT}}</div>{{/ERROR}}
<form method="post" action="/signin" class="stack">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<div class="field">
<label for="email">{{_email_address}}</label>
<input type="email" id="email" name="email" value="{{EMAIL}}" autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="254" required>
</div>
<div class="field">
<label for="password">{{_password}}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
</div>
<button type="submit" class="btn btn-primary btn-block">{{_sign_in}}</button>
</form>
<p class="auth-links"><a href="/forgot">{{_forgot_password}}</a></p>
</div>
</div>
