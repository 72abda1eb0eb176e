{{%AUTOESCAPE context="HTML"}}
{{#PLATFORM}}<a class="back-link" href="/platform/occupiers">{{_occupiers}}</a>{{/PLATFORM}}
<div class="page-header">
<div>
<h1>{{#PORTAL}}{{_user_management}}{{/PORTAL}}{{#PLATFORM}}{{OCCUPIER_NAME}}{{/PLATFORM}}</h1>
{{#PORTAL}}<p class="page-subtitle">{{OCCUPIER_NAME}}</p>{{/PORTAL}}
{{#PLATFORM}}<p class="page-subtitle">{{_users}}</p>{{/PLATFORM}}
</div>
<div class="page-actions">
{{#PLATFORM}}<a class="btn btn-secondary" href="/platform/occupiers/{{OCCUPIER_ID}}/import">{{_add_multiple_users}}</a>
<a class="btn btn-secondary" href="/platform/occupiers/{{OCCUPIER_ID}}/users.csv">{{_download_users}}</a>
<a class="btn btn-secondary" href="/platform/occupiers/{{OCCUPIER_ID}}/audit">{{_audit_log}}</a>{{/PLATFORM}}
<a class="btn btn-primary" href="{{BASE}}/new">{{_add_a_user}}</a>
</div>
</div>
<div class="list-toolbar">
<p class="results-count" id="results-status" aria-live="polite">{{_users_found}} {{TOTAL}}</p>
<form method="get" action="{{BASE}}" class="filter" role="search">
<label for="q">{{_filter_users}}</label>
<input type="search" id="q" name="q" value="{{Q}}" maxlength="254" data-filter="results" data-filter-status="results-status" autocomplete="off">
<button type="submit" class="btn btn-secondary">{{_filter}}</button>
</form>
</div>
<div id="results">
{{#PLATFORM}}<form method="post" action="{{BASE}}/bulk" id="bulk-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="q" value="{{Q}}">
<div class="list-toolbar">
<div class="page-actions">
<label for="bulk-action">{{_bulk_action}}</label>
<select id="bulk-action" name="action">
<option value="delete">{{_bulk_delete}}</option>
<option value="deactivate_wifi">{{_bulk_deactivate_wifi}}</option>
<option value="invite">{{_bulk_invite}}</option>
<option value="homesite">{{_bulk_homesite}}</option>
</select>
<span class="check"><input type="checkbox" id="all-matching" name="all_matching" value="1"><label for="all-matching">{{_bulk_all_matching}}</label></span>
<button type="submit" class="btn btn-secondary">{{_bulk_apply}}</button>
</div>
</div>
</form>{{/PLATFORM}}
<table class="table">
<caption class="visually-hidden">{{_users}}</caption>
<thead><tr>
{{#PLATFORM}}<th scope="col"><span class="visually-hidden">{{_select}}</span></th>{{/PLATFORM}}
<th scope="col">{{_name}}</th>
<th scope="col">{{_email_address}}</th>
<th scope="col">{{_role}}</th>
<th scope="col">{{_phone_number}}</th>
<th scope="col">{{_wifi_access}}</th>
<th scope="col">{{_user_account}}</th>
<th scope="col" class="col-actions"><span class="visually-hidden">{{_actions}}</span></th>
</tr></thead>
<tbody>
{{#USER}}<tr>
{{#SELECT}}<td data-label="{{_select}}"><input type="checkbox" name="user" value="{{ID}}" form="bulk-form" id="sel-{{ID}}" aria-label="{{_select}} {{EMAIL}}"></td>{{/SELECT}}
<td data-label="{{_name}}">{{NAME}}{{#LEAVING}}<span class="cell-sub leaving">{{_list_leaving}} {{DATE}}</span>{{/LEAVING}}</td>
<td data-label="{{_email_address}}"><a class="row-link" href="{{BASE}}/{{ID}}">{{EMAIL}}</a></td>
<td data-label="{{_role}}">{{ROLE}}</td>
<td data-label="{{_phone_number}}">{{#NUMBER}}{{PHONE}}<span class="cell-sub">{{_extension}} {{EXT}}</span>{{/NUMBER}}{{#NO_NUMBER}}<span class="badge badge-outline">{{_not_assigned}}</span>{{/NO_NUMBER}}</td>
<td data-label="{{_wifi_access}}"><span class="badge {{WIFI_CLASS}}">{{WIFI_TEXT}}</span></td>
<td data-label="{{_user_account}}"><span class="badge {{ACCOUNT_CLASS}}">{{ACCOUNT_TEXT}}</span>{{#INVITE_EXPIRES}}<span class="cell-sub invite-expiry">{{_list_invite_expires}} {{DATE}}</span>{{/INVITE_EXPIRES}}</td>
<td class="col-actions"><div class="row-actions">
<a class="btn btn-small btn-secondary" href="{{BASE}}/{{ID}}/edit" aria-label="{{_edit}} {{EMAIL}}">{{_edit}}</a>
{{#CAN_DELETE}}<a class="btn btn-small btn-danger-outline" href="{{BASE}}/{{ID}}/delete" aria-label="{{_delete}} {{EMAIL}}">{{_delete}}</a>{{/CAN_DELETE}}
</div></td>
</tr>
{{/USER}}
{{#EMPTY}}<tr class="empty-row"><td colspan="8">{{_no_users_found}}</td></tr>{{/EMPTY}}
</tbody>
</table>
<nav class="pager" aria-label="{{_paging}}">
<span class="pager-status">{{_page_of}} {{PAGE}}{{#PAGES_KNOWN}} {{_page_of_total}} {{PAGES}}{{/PAGES_KNOWN}}</span>
<span class="pager-links">
{{#PREV}}<a class="btn btn-small btn-secondary" href="{{HREF}}" rel="prev">{{_previous}}</a>{{/PREV}}
{{#NEXT}}<a class="btn btn-small btn-secondary" href="{{HREF}}" rel="next">{{_next}}</a>{{/NEXT}}
</span>
</nav>
</div>
