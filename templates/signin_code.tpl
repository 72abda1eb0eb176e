{{%AUTOESCAPE context="HTML"}}
<div class="auth">
<div class="auth-card">
<h1>{{_twofa_title}}</h1>
<form method="post" action="/signin/code" class="stack" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#ASK}}<p>{{_twofa_ask}}</p>
<div class="field{{#CODE_ERROR}} field-error{{/CODE_ERROR}}">
<label for="code">{{_twofa_code_or_recovery}}</label>
{{#CODE_ERROR}}<p class="error-message" id="code-error" role="alert">{{MESSAGE}}</p>{{/CODE_ERROR}}
<input type="text" id="code" name="code" value="" maxlength="20" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" required{{#CODE_ERROR}} aria-invalid="true" aria-describedby="code-error"{{/CODE_ERROR}}>
</div>
<button type="submit" class="btn btn-primary btn-block">{{_sign_in}}</button>{{/ASK}}
{{#MUST_SETUP}}<p class="notice">{{_twofa_must_setup}}</p>
{{>SETUP}}
<button type="submit" class="btn btn-primary btn-block">{{_twofa_turn_on}}</button>{{/MUST_SETUP}}
</form>
<p class="auth-links"><a href="/signin">{{_back_to_sign_in}}</a></p>
</div>
</div>
