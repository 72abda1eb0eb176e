{{%AUTOESCAPE context="HTML"}}
<a class="back-link" href="/platform/account">{{_plat_acc_tab_team}}</a>
<div class="page-header"><h1>{{_plat_acc_delete_member}}</h1></div>
<section class="panel confirm-panel">
<p>{{_plat_acc_delete_member_confirm}} <strong>{{NAME}}</strong> ({{EMAIL}})</p>
<form method="post" action="/platform/account/members/{{ID}}/delete">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="confirmed" value="1">
<div class="form-actions">
<a class="btn btn-secondary" href="/platform/account">{{_cancel}}</a>
<button type="submit" class="btn btn-danger">{{_plat_acc_delete_member}}</button>
</div>
</form>
</section>
