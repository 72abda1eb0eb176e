{{%AUTOESCAPE context="HTML"}}
<div class="page-header">
<h1>{{_twofa_title}}</h1>
</div>
{{#REQUIRED}}<p class="notice">{{_twofa_required_note}}</p>{{/REQUIRED}}
{{#ON}}<section class="panel" aria-labelledby="tfa-h">
<h2 id="tfa-h">{{_twofa_title}}</h2>
<p class="twofa-status"><span class="badge badge-green">{{_twofa_on}}</span></p>
<p>{{_twofa_codes_left}} {{LEFT}}</p>
{{#CAN_OFF}}<form method="post" action="{{ACTION}}/off" class="stack" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field{{#CODE_ERROR}} field-error{{/CODE_ERROR}}">
<label for="code">{{_twofa_code_or_recovery}}</label>
{{#CODE_ERROR}}<p class="error-message" id="code-error">{{MESSAGE}}</p>{{/CODE_ERROR}}
<input type="text" id="code" name="code" value="" maxlength="20" autocomplete="one-time-code" autocapitalize="none" spellcheck="false"{{#CODE_ERROR}} aria-invalid="true" aria-describedby="code-error"{{/CODE_ERROR}}>
</div>
<button type="submit" class="btn btn-danger-outline">{{_twofa_turn_off}}</button>
</form>{{/CAN_OFF}}
</section>{{/ON}}
{{#SETUP_FORM}}<section class="panel" aria-labelledby="tfa-h">
<h2 id="tfa-h">{{_twofa_setup}}</h2>
<form method="post" action="{{ACTION}}" class="stack" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="setup" value="{{SEALED}}">
{{>SETUP}}
<button type="submit" class="btn btn-primary">{{_twofa_turn_on}}</button>
</form>
</section>{{/SETUP_FORM}}
{{#CODES}}<section class="panel" aria-labelledby="codes-h">
<h2 id="codes-h">{{_twofa_recovery_codes}}</h2>
<p class="notice">{{_twofa_on_notice}}</p>
<p>{{_twofa_codes_once}}</p>
<ul class="recovery-codes">
{{#CODE}}<li><code>{{VALUE}}</code></li>
{{/CODE}}</ul>
<p><a class="btn btn-primary" href="{{NEXT}}">{{_continue}}</a></p>
</section>{{/CODES}}
