{{%AUTOESCAPE context="HTML"}}
<div class="page-header">
<h1>{{_my_profile}}</h1>
<div class="page-actions"><a class="btn btn-primary" href="/profile/edit">{{_edit}}</a></div>
</div>
<section class="panel" aria-labelledby="details-heading">
<h2 id="details-heading">{{_profile_user_details}}</h2>
<dl class="fields">
{{#DETAIL}}<div><dt>{{LABEL}}</dt><dd{{#MONO}} class="mono"{{/MONO}}>{{VALUE}}{{#EMPTY}}<span class="empty-value">{{_profile_not_provided}}</span>{{/EMPTY}}</dd></div>
{{/DETAIL}}
</dl>
</section>
{{>WIFI}}
{{>DEVICES}}
{{>TEL}}
<section class="panel" aria-labelledby="twofa-heading">
<div class="panel-header"><h2 id="twofa-heading">{{_twofa_title}}</h2>
<a class="btn btn-small btn-secondary" href="/profile/two-factor">{{_twofa_manage}}</a></div>
<dl class="fields">
<div><dt>{{_status}}</dt><dd class="twofa-state">{{TWOFA_STATE}}</dd></div>
</dl>
</section>
{{>API_TOKENS}}
<p class="hint">{{_profile_not_editable_here}}</p>
