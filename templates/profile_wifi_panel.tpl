{{%AUTOESCAPE context="HTML"}}
<section class="panel" aria-labelledby="wifi-heading">
<div class="panel-header">
<h2 id="wifi-heading">{{_profile_wifi_heading}}</h2>
{{#SET_PASSWORD}}<div class="panel-actions"><a class="btn btn-secondary btn-small" href="/profile/wifi-password">{{_profile_set_password}}</a></div>{{/SET_PASSWORD}}
</div>
<p class="panel-intro">{{_profile_wifi_intro}}</p>
<dl class="fields">
<div><dt>{{_profile_wifi_status}}</dt><dd>{{#ACTIVE}}<span class="badge badge-green">{{_status_active}}</span>{{/ACTIVE}}{{#DEACTIVATED}}<span class="badge badge-grey">{{_status_deactivated}}</span>{{/DEACTIVATED}}{{#NO_ACCOUNT}}<span class="badge badge-outline">{{_status_no_account}}</span>{{/NO_ACCOUNT}}</dd></div>
{{#ACCOUNT}}<div><dt>{{_profile_wifi_homesite}}</dt><dd>{{HOMESITE}}</dd></div>
<div><dt>{{_profile_wifi_devices}}</dt><dd>{{DEVICES}}</dd></div>{{/ACCOUNT}}
</dl>
</section>
