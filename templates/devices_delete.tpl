{{%AUTOESCAPE context="HTML"}}
<a class="back-link" href="{{BASE}}">{{_wifi_devices}}</a>
<div class="page-header"><h1>{{_dev_delete_title}}</h1></div>
<section class="panel confirm-panel">
<p>{{_dev_delete_confirm}} <strong>{{NAME}}</strong></p>
<dl class="fields">
<div><dt>{{_dev_type}}</dt><dd>{{TYPE}}</dd></div>
<div><dt>{{_dev_mac}}</dt><dd class="mono">{{MAC}}</dd></div>
<div><dt>{{_dev_site}}</dt><dd>{{SITE}}</dd></div>
</dl>
<form method="post" action="{{BASE}}/{{ID}}/delete">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="confirmed" value="1">
<div class="form-actions">
<a class="btn btn-secondary" href="{{BASE}}">{{_cancel}}</a>
<button type="submit" class="btn btn-danger">{{_dev_delete_button}}</button>
</div>
</form>
</section>
