{{%AUTOESCAPE context="HTML"}}
<div class="error-page">
<h1>{{ERROR_TITLE}}</h1>
<p class="lead">{{ERROR_TEXT}}</p>
<p><a class="btn btn-secondary" href="/">{{_back_to_home}}</a></p>
</div>
