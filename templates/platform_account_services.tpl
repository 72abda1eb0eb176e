{{%AUTOESCAPE context="HTML"}}
{{>TABS}}
{{#ERROR}}<div class="notice notice-error" role="alert">{{MESSAGE}}</div>{{/ERROR}}
<p class="panel-intro">{{_plat_acc_services_intro}}</p>
<form method="post" action="/platform/account/services">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#SITE}}<section class="panel" aria-labelledby="svc-site-{{SITE_ID}}">
<fieldset class="options">
<legend id="svc-site-{{SITE_ID}}">{{SITE_NAME}}</legend>
{{#SERVICE}}<div class="check"><input type="checkbox" id="svc-{{SITE_ID}}-{{CODE}}" name="service" value="{{SITE_ID}}:{{CODE}}"{{#CHECKED}} checked{{/CHECKED}}><label for="svc-{{SITE_ID}}-{{CODE}}">{{LABEL}}</label></div>
{{/SERVICE}}
</fieldset>
</section>
{{/SITE}}
<div class="form-actions"><button type="submit" class="btn btn-primary">{{_save_changes}}</button></div>
</form>
