{{%AUTOESCAPE context="HTML"}}
<section class="panel" aria-labelledby="api-tokens-h">
<div class="panel-header"><h2 id="api-tokens-h">{{_api_tokens_title}}</h2></div>
{{#NONE}}<p class="hint">{{_api_tokens_none}}</p>{{/NONE}}
{{#ANY}}<table class="table" id="api-tokens">
<thead><tr><th scope="col">{{_api_tokens_client}}</th><th scope="col">{{_api_tokens_created}}</th><th scope="col">{{_api_tokens_last_used}}</th><th scope="col">{{_api_tokens_expires}}</th><th scope="col"><span class="visually-hidden">{{_api_tokens_revoke}}</span></th></tr></thead>
<tbody>
{{#TOKEN}}<tr><td>{{CLIENT}}</td><td>{{CREATED}}</td><td>{{LAST_USED}}</td><td>{{EXPIRES}}</td><td><form method="post" action="{{ACTION}}"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="token" value="{{TOKEN_ID}}"><button type="submit" class="btn btn-small btn-danger-outline">{{_api_tokens_revoke}}<span class="visually-hidden"> {{CLIENT}} ({{CREATED}})</span></button></form></td></tr>
{{/TOKEN}}</tbody>
</table>{{/ANY}}
</section>
