{{%AUTOESCAPE context="HTML"}}
{{>TABS}}
<div class="list-toolbar">
<p class="results-count">{{TOTAL}} {{_plat_acc_members_found}}</p>
<div class="page-actions"><a class="btn btn-primary" href="/platform/account/members/new">{{_plat_acc_add_member}}</a></div>
</div>
<table class="table" id="team-members">
<caption class="visually-hidden">{{_plat_acc_tab_team}}</caption>
<thead><tr>
<th scope="col">{{_plat_col_name}}</th>
<th scope="col">{{_email_address}}</th>
<th scope="col">{{_plat_acc_col_role}}</th>
<th scope="col">{{_plat_col_sites}}</th>
<th scope="col">{{_plat_acc_col_wifi}}</th>
<th scope="col">{{_plat_acc_col_access}}</th>
<th scope="col">{{_plat_tel_col_number}}</th>
<th scope="col" class="col-actions"><span class="visually-hidden">{{_actions}}</span></th>
</tr></thead>
<tbody>
{{#MEMBER}}<tr>
<td data-label="{{_plat_col_name}}">{{NAME}}</td>
<td data-label="{{_email_address}}"><a href="/platform/account/members/{{ID}}">{{EMAIL}}</a></td>
<td data-label="{{_plat_acc_col_role}}">{{ROLE}}</td>
<td data-label="{{_plat_col_sites}}">{{SITES}}</td>
<td data-label="{{_plat_acc_col_wifi}}"><span class="badge {{WIFI_CLASS}}">{{WIFI_TEXT}}</span></td>
<td data-label="{{_plat_acc_col_access}}">{{#ACCESS}}<span class="badge {{ACCOUNT_CLASS}}">{{ACCOUNT_TEXT}}</span>{{/ACCESS}}{{#NO_ACCESS}}<span class="muted">{{_plat_acc_no_access}}</span>{{/NO_ACCESS}}</td>
<td data-label="{{_plat_tel_col_number}}">{{#NUMBER}}<a class="mono" href="/platform/telephony/{{NUMBER_ID}}">{{PHONE}}</a>{{/NUMBER}}{{#NO_NUMBER}}<span class="badge badge-outline">{{_not_assigned}}</span>{{/NO_NUMBER}}</td>
<td class="col-actions"><div class="row-actions">{{#CAN_TWOFA_RESET}}<form method="post" action="/platform/account/members/{{ID}}/two-factor-reset">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="btn btn-small btn-secondary" aria-label="{{_twofa_reset}} {{EMAIL}}">{{_twofa_reset}}</button>
</form>{{/CAN_TWOFA_RESET}}{{#CAN_DELETE}}<form method="post" action="/platform/account/members/{{ID}}/delete" data-confirm-dialog="member-delete-dialog" data-confirm-subject="{{EMAIL}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="btn btn-small btn-danger-outline" aria-label="{{_delete}} {{EMAIL}}">{{_delete}}</button>
</form>{{/CAN_DELETE}}</div></td>
</tr>
{{/MEMBER}}
</tbody>
</table>
<dialog id="member-delete-dialog" class="dialog" aria-labelledby="member-delete-h">
<h2 id="member-delete-h">{{_plat_acc_delete_member}}</h2>
<p>{{_plat_acc_delete_member_confirm}} <strong data-confirm-subject></strong></p>
<div class="dialog-actions">
<button type="button" class="btn btn-secondary" data-dialog-cancel>{{_cancel}}</button>
<button type="button" class="btn btn-danger" data-dialog-confirm>{{_plat_acc_delete_member}}</button>
</div>
</dialog>
