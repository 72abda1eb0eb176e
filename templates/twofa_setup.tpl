{{%AUTOESCAPE context="HTML"}}
<p>{{_twofa_setup_intro}}</p>
<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{QR_SIZE}} {{QR_SIZE}}" width="200" height="200" role="img" aria-label="{{_twofa_qr_label}}"><rect width="{{QR_SIZE}}" height="{{QR_SIZE}}" fill="#fff"/><path fill="#000" d="{{QR_PATH}}"/></svg>
<p>{{_twofa_secret_label}} <code class="twofa-secret">{{SECRET_TEXT}}</code></p>
<div class="field{{#CODE_ERROR}} field-error{{/CODE_ERROR}}">
<label for="code">{{_twofa_code}}</label>
{{#CODE_ERROR}}<p class="error-message" id="code-error">{{MESSAGE}}</p>{{/CODE_ERROR}}
<input type="text" id="code" name="code" value="" maxlength="20" inputmode="numeric" autocomplete="one-time-code"{{#CODE_ERROR}} aria-invalid="true" aria-describedby="code-error"{{/CODE_ERROR}}>
</div>
