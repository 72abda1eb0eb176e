{{%AUTOESCAPE context="HTML"}}
<div class="page-header">
<div>
<h1>{{_account}}</h1>
<p class="page-subtitle">{{OPERATOR_NAME}}</p>
</div>
</div>
<nav class="page-actions" aria-label="{{_plat_acc_tabs}}" id="account-tabs">
{{#TAB}}<a class="btn btn-small {{#CURRENT}}btn-primary{{/CURRENT}}{{#OTHER}}btn-secondary{{/OTHER}}" href="{{HREF}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}</a>
{{/TAB}}
</nav>
<div class="subhead"></div>
