{{%AUTOESCAPE context="HTML"}}
<section class="panel" aria-labelledby="tel-heading">
<div class="panel-header">
<h2 id="tel-heading">{{_tel_heading}}</h2>
{{#ACTIONS}}<div class="panel-actions">
<form method="post" action="{{ACTION_BASE}}/pin-reset"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="btn btn-secondary btn-small">{{_tel_reset_pin}}</button></form>
{{#HANDSET_LOGOUT}}<form method="post" action="{{ACTION_BASE}}/handset-logout"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="btn btn-secondary btn-small">{{_tel_handset_logout}}</button></form>{{/HANDSET_LOGOUT}}
</div>{{/ACTIONS}}
</div>
{{#NONE}}<p class="panel-intro">{{_tel_none}}</p>{{/NONE}}
{{#NUMBER_DETAILS}}
<dl class="fields">
<div><dt>{{_tel_status}}</dt><dd>{{#STATUS_ACTIVE}}<span class="badge badge-green">{{_status_active}}</span>{{/STATUS_ACTIVE}}{{#STATUS_PENDING}}<span class="badge badge-amber">{{_status_pending}}</span>{{/STATUS_PENDING}}{{#PENDING_NOTE}} <span class="hint">{{_tel_pending_note}}</span>{{/PENDING_NOTE}}</dd></div>
<div><dt>{{_tel_phone_number}}</dt><dd class="mono">{{NUMBER}}</dd></div>
<div><dt>{{_tel_extension}}</dt><dd class="mono">{{EXTENSION}}</dd></div>
<div><dt>{{_tel_site}}</dt><dd>{{SITE}}</dd></div>
<div><dt id="tel-pin-label">{{_tel_default_pin}}</dt><dd><span class="pin" tabindex="0" aria-labelledby="tel-pin-label tel-pin-value"><span class="pin-value" id="tel-pin-value">{{DEFAULT_PIN}}</span></span> <span class="hint">{{_pin_reveal_hint}}</span>{{#CUSTOM_PIN}} <span class="hint">{{_tel_custom_pin_set}}</span>{{/CUSTOM_PIN}}</dd></div>
</dl>
<h3 class="subhead">{{_tel_features}}</h3>
<dl class="fields">
{{#FEATURE}}<div><dt>{{LABEL}}</dt><dd>{{VALUE}}{{#DETAIL}}: <span class="mono">{{DETAIL_TEXT}}</span>{{/DETAIL}}{{#NOTE}} <span class="hint">{{NOTE_TEXT}}</span>{{/NOTE}}</dd></div>
{{/FEATURE}}
</dl>
{{/NUMBER_DETAILS}}
</section>
