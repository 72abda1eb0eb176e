{{%AUTOESCAPE context="HTML"}}
<div class="page-header">
<div>
<h1>{{_search_title}}</h1>
<p class="page-subtitle">{{_search_intro}}</p>
</div>
</div>
<div class="list-toolbar">
<p class="results-count" id="results-status" aria-live="polite">{{#COUNT}}{{N}} {{_search_found}}{{/COUNT}}{{#MORE_THAN}}{{_search_found_more}}{{/MORE_THAN}}{{#EXACT}} {{_search_exact}}{{/EXACT}}</p>
<form method="get" action="/platform/users" class="filter" role="search">
<label for="q">{{_search_label}}</label>
<input type="search" id="q" name="q" value="{{Q}}" maxlength="254" autocomplete="off">
<button type="submit" class="btn btn-secondary">{{_search_submit}}</button>
</form>
</div>
<div id="results">
<table class="table">
<caption class="visually-hidden">{{_search_title}}</caption>
<thead><tr>
<th scope="col">{{_name}}</th>
<th scope="col">{{_email_address}}</th>
<th scope="col">{{_search_col_occupier}}</th>
<th scope="col">{{_role}}</th>
</tr></thead>
<tbody>
{{#USER}}<tr>
<td data-label="{{_name}}">{{NAME}}</td>
<td data-label="{{_email_address}}">{{#LINK}}<a class="row-link" href="/platform/occupiers/{{OCC_ID}}/users/{{ID}}">{{EMAIL}}</a>{{/LINK}}{{#NO_LINK}}{{EMAIL}}{{/NO_LINK}}</td>
<td data-label="{{_search_col_occupier}}">{{#OCC}}<a href="/platform/occupiers/{{OCC_ID}}/users">{{OCC_NAME}}</a>{{/OCC}}{{#TEAM}}{{_search_team_member}}{{/TEAM}}</td>
<td data-label="{{_role}}">{{ROLE}}</td>
</tr>
{{/USER}}
{{#EMPTY}}<tr class="empty-row"><td colspan="4">{{_search_none}}</td></tr>{{/EMPTY}}
</tbody>
</table>
{{#PARTIAL}}<p class="hint">{{_search_partial}}</p>{{/PARTIAL}}
<nav class="pager" aria-label="{{_paging}}">
<span class="pager-links">
{{#NEXT}}<a class="btn btn-small btn-secondary" href="{{HREF}}" rel="next">{{_search_more}}</a>{{/NEXT}}
{{#CONTINUE}}<a class="btn btn-small btn-secondary" href="{{HREF}}">{{_search_continue}}</a>{{/CONTINUE}}
</span>
</nav>
</div>
