{{%AUTOESCAPE context="HTML"}}
{{#ACCOUNT}}{{>TABS}}{{/ACCOUNT}}
{{#ALL}}<div class="page-header">
<div>
<h1>{{_telephony}}</h1>
<p class="page-subtitle">{{_plat_tel_intro}}</p>
</div>
</div>
<div class="list-toolbar">
<p class="results-count" id="results-status" aria-live="polite">{{TOTAL}} {{_plat_tel_found}}</p>
<form method="get" action="/platform/telephony" class="filter" role="search">
<label for="q">{{_plat_tel_filter}}</label>
<input type="search" id="q" name="q" value="{{Q}}" maxlength="100" data-filter="results" data-filter-status="results-status" autocomplete="off">
<button type="submit" class="btn btn-secondary">{{_filter}}</button>
</form>
</div>{{/ALL}}
{{#ACCOUNT}}<p class="panel-intro">{{_plat_acc_tel_intro}}</p>{{/ACCOUNT}}
<div id="results">
{{#SITE}}<section class="panel" aria-labelledby="site-{{SITE_ID}}">
<h2 id="site-{{SITE_ID}}">{{SITE_NAME}}</h2>
<table class="table">
<thead><tr>
<th scope="col">{{_plat_tel_col_number}}</th>
<th scope="col">{{_plat_tel_col_extension}}</th>
<th scope="col">{{_plat_tel_col_status}}</th>
<th scope="col">{{_plat_tel_col_allocation}}</th>
<th scope="col">{{_plat_tel_col_assignee}}</th>
</tr></thead>
<tbody>
{{#NUMBER}}<tr>
<td data-label="{{_plat_tel_col_number}}"><a class="row-link mono" href="/platform/telephony/{{ID}}">{{NUMBER}}</a></td>
<td data-label="{{_plat_tel_col_extension}}" class="mono">{{EXTENSION}}</td>
<td data-label="{{_plat_tel_col_status}}"><span class="badge {{STATUS_CLASS}}">{{STATUS_TEXT}}</span></td>
<td data-label="{{_plat_tel_col_allocation}}">{{#UNALLOCATED}}<span class="badge badge-outline">{{_plat_tel_unallocated}}</span>{{/UNALLOCATED}}{{#TO_ACCOUNT}}{{_plat_tel_account}}{{/TO_ACCOUNT}}{{#TO_OCCUPIER}}{{OCC_NAME}}{{/TO_OCCUPIER}}</td>
<td data-label="{{_plat_tel_col_assignee}}">{{#ASSIGNEE}}{{NAME}}<span class="cell-sub">{{EMAIL}}</span>{{/ASSIGNEE}}{{#NOBODY}}<span class="badge badge-outline">{{_not_assigned}}</span>{{/NOBODY}}</td>
</tr>
{{/NUMBER}}
</tbody>
</table>
</section>
{{/SITE}}
{{#EMPTY}}<p class="panel-intro">{{_plat_tel_none}}</p>{{/EMPTY}}
{{#TRUNCATED}}<p class="hint">{{_plat_tel_truncated}}</p>{{/TRUNCATED}}
</div>
