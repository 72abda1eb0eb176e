{{%AUTOESCAPE context="HTML"}}
<a class="back-link" href="{{BASE}}/{{ID}}">{{NAME}}</a>
<section class="panel confirm-panel" aria-labelledby="del-h">
<h1 id="del-h">{{_delete_user}}</h1>
<p>{{_delete_user_confirm}} <strong>{{NAME}}</strong> ({{EMAIL}})</p>
<form method="post" action="{{BASE}}/{{ID}}/delete" class="form-actions">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="confirmed" value="1">
<a class="btn btn-secondary" href="{{BASE}}/{{ID}}">{{_cancel}}</a>
<button type="submit" class="btn btn-danger">{{_delete_user}}</button>
</form>
</section>
