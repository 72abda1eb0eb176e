{{%AUTOESCAPE context="HTML"}}
<div class="page-header">
<div>
<h1>{{_occupiers}}</h1>
<p class="page-subtitle">{{_plat_occupiers_intro}}</p>
</div>
<div class="page-actions"><a class="btn btn-secondary" href="/platform/users">{{_search_title}}</a></div>
</div>
<div class="list-toolbar">
<p class="results-count" id="results-status" aria-live="polite">{{TOTAL}} {{_plat_occupiers_found}}</p>
<form method="get" action="/platform/occupiers" class="filter" role="search">
<label for="q">{{_plat_filter_occupiers}}</label>
<input type="search" id="q" name="q" value="{{Q}}" maxlength="100" data-filter="results" data-filter-status="results-status" autocomplete="off">
<button type="submit" class="btn btn-secondary">{{_filter}}</button>
</form>
</div>
<div id="results">
<table class="table">
<caption class="visually-hidden">{{_occupiers}}</caption>
<thead><tr>
<th scope="col">{{_plat_col_occupier}}</th>
<th scope="col">{{_plat_col_sites}}</th>
<th scope="col" class="col-num">{{_plat_col_users}}</th>
</tr></thead>
<tbody>
{{#OCC}}<tr>
<td data-label="{{_plat_col_occupier}}"><a class="row-link" href="/platform/occupiers/{{ID}}/users">{{NAME}}</a></td>
<td data-label="{{_plat_col_sites}}">{{SITES}}</td>
<td data-label="{{_plat_col_users}}" class="col-num">{{USERS}}</td>
</tr>
{{/OCC}}
{{#EMPTY}}<tr class="empty-row"><td colspan="3">{{_plat_no_occupiers}}</td></tr>{{/EMPTY}}
</tbody>
</table>
{{>PAGER}}
</div>
