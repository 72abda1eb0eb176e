{{%AUTOESCAPE context="HTML"}}
<a class="back-link" href="{{BACK}}">{{#PORTAL}}{{_user_management}}{{/PORTAL}}{{#PLATFORM}}{{OCCUPIER_NAME}}: {{_users}}{{/PLATFORM}}{{#TEAM}}{{_plat_acc_tab_team}}{{/TEAM}}</a>
<div class="page-header">
<h1>{{NAME}}</h1>
<div class="page-actions">
{{#PLATFORM}}<a class="btn btn-secondary" href="{{BASE}}/{{ID}}/audit">{{_audit_log}}</a>{{/PLATFORM}}
<a class="btn btn-primary" href="{{BASE}}/{{ID}}/edit">{{EDIT_LABEL}}</a>
{{#CAN_DELETE}}<form method="post" action="{{BASE}}/{{ID}}/delete" data-confirm-dialog="delete-dialog">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="btn btn-danger">{{_delete_user}}</button>
</form>
<dialog id="delete-dialog" class="dialog" aria-labelledby="delete-dialog-title">
<h2 id="delete-dialog-title">{{_delete_user}}</h2>
<p>{{_delete_user_confirm}} <strong>{{EMAIL}}</strong></p>
<div class="dialog-actions">
<button type="button" class="btn btn-secondary" data-dialog-cancel>{{_cancel}}</button>
<button type="button" class="btn btn-danger" data-dialog-confirm>{{_delete_user}}</button>
</div>
</dialog>{{/CAN_DELETE}}
{{#CAN_DELETE_MEMBER}}<form method="post" action="{{BASE}}/{{ID}}/delete" data-confirm-dialog="delete-dialog">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="btn btn-danger">{{_plat_acc_delete_member}}</button>
</form>
<dialog id="delete-dialog" class="dialog" aria-labelledby="delete-dialog-title">
<h2 id="delete-dialog-title">{{_plat_acc_delete_member}}</h2>
<p>{{_plat_acc_delete_member_confirm}} <strong>{{EMAIL}}</strong></p>
<div class="dialog-actions">
<button type="button" class="btn btn-secondary" data-dialog-cancel>{{_cancel}}</button>
<button type="button" class="btn btn-danger" data-dialog-confirm>{{_plat_acc_delete_member}}</button>
</div>
</dialog>{{/CAN_DELETE_MEMBER}}
</div>
</div>
<section class="panel" aria-labelledby="details-h">
<h2 id="details-h">{{_user_details}}</h2>
<dl class="fields">
<div><dt>{{_first_name}}</dt><dd>{{FIRST_NAME}}</dd></div>
<div><dt>{{_last_name}}</dt><dd>{{LAST_NAME}}</dd></div>
<div><dt>{{_email_address}}</dt><dd>{{EMAIL}}</dd></div>
<div><dt>{{_job_title}}</dt><dd>{{JOB_TITLE}}</dd></div>
<div><dt>{{_mobile_phone}}</dt><dd>{{MOBILE}}</dd></div>
{{#DIRECT}}<div><dt>{{_direct_line}}</dt><dd>{{DIRECT_LINE}}</dd></div>{{/DIRECT}}
{{#NUMBER}}<div><dt>{{_phone_number}}</dt><dd>{{#NUMBER_LINK}}<a class="mono" href="/platform/telephony/{{NUMBER_ID}}">{{PHONE}}</a>{{/NUMBER_LINK}}{{#NUMBER_TEXT}}{{PHONE}}{{/NUMBER_TEXT}} <span class="cell-sub">{{_extension}} {{EXT}}</span></dd></div>{{/NUMBER}}
<div><dt>{{_language}}</dt><dd>{{LANGUAGE}}</dd></div>
{{#TEAM_SITES}}<div><dt>{{_plat_acc_sites}}</dt><dd>{{SITES}}</dd></div>{{/TEAM_SITES}}
</dl>
</section>
<section class="panel" aria-labelledby="wifi-h">
<div class="panel-header"><h2 id="wifi-h">{{_wifi_account}}</h2>
<div class="panel-actions">
{{#WIFI_CREATE}}<a class="btn btn-small btn-secondary" href="{{BASE}}/{{ID}}/edit?wifi=1#wifi">{{_create_a_wifi_account}}</a>{{/WIFI_CREATE}}
{{#WIFI_ACTIVE}}<form method="post" action="{{BASE}}/{{ID}}/wifi-reset"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="btn btn-small btn-secondary">{{_reset_password}}</button></form>
<form method="post" action="{{BASE}}/{{ID}}/wifi"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="action" value="deactivate"><button type="submit" class="btn btn-small btn-danger-outline">{{_deactivate_wifi_account}}</button></form>{{/WIFI_ACTIVE}}
{{#WIFI_DEACTIVATED}}<form method="post" action="{{BASE}}/{{ID}}/wifi"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="action" value="reactivate"><button type="submit" class="btn btn-small btn-secondary">{{_reactivate_wifi_account}}</button></form>{{/WIFI_DEACTIVATED}}
</div>
</div>
<dl class="fields">
<div><dt>{{_status}}</dt><dd><span class="badge {{WIFI_CLASS}}">{{WIFI_TEXT}}</span></dd></div>
{{#WIFI}}<div><dt>{{_wifi_homesite}}</dt><dd>{{HOMESITE}}</dd></div>
<div><dt>{{_concurrent_device_limit}}</dt><dd>{{DEVICE_LIMIT}}</dd></div>{{/WIFI}}
</dl>
</section>
{{>DEVICES}}
{{>TEL}}
{{#ACCOUNT}}<section class="panel" aria-labelledby="acct-h">
<div class="panel-header"><h2 id="acct-h">{{_user_accounts}}</h2>
<div class="panel-actions">
{{#INVITE_PLATFORM}}<form method="post" action="{{BASE}}/{{ID}}/invite"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="to" value="portal"><button type="submit" class="btn btn-small btn-secondary">{{_plat_acc_invite}}</button></form>{{/INVITE_PLATFORM}}
{{#INVITE_PORTAL}}<form method="post" action="{{BASE}}/{{ID}}/invite"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="to" value="portal"><button type="submit" class="btn btn-small btn-secondary">{{_send_invite_to_join_portal}}</button></form>{{/INVITE_PORTAL}}
{{#INVITE_APP}}<form method="post" action="{{BASE}}/{{ID}}/invite"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="to" value="app"><button type="submit" class="btn btn-small btn-secondary">{{_send_invite_to_join_app}}</button></form>{{/INVITE_APP}}
{{#CAN_RESEND}}<form method="post" action="{{BASE}}/{{ID}}/resend"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="btn btn-small btn-secondary">{{_resend_invite}}</button></form>{{/CAN_RESEND}}
{{#CAN_DEACTIVATE}}<form method="post" action="{{BASE}}/{{ID}}/account"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="action" value="deactivate"><button type="submit" class="btn btn-small btn-danger-outline">{{_deactivate_user_account}}</button></form>{{/CAN_DEACTIVATE}}
{{#CAN_REACTIVATE}}<form method="post" action="{{BASE}}/{{ID}}/account"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="action" value="reactivate"><button type="submit" class="btn btn-small btn-secondary">{{_reactivate_user_account}}</button></form>{{/CAN_REACTIVATE}}
</div></div>
<dl class="fields">
<div><dt>{{_access}}</dt><dd><span class="badge {{ACCOUNT_CLASS}}">{{ACCOUNT_TEXT}}</span></dd></div>
<div><dt>{{_role}}</dt><dd>{{ROLE}}</dd></div>
{{#APPS}}<div><dt>{{_portal}}</dt><dd>{{PORTAL_STATE}}{{#RESEND_PORTAL}} <form method="post" action="{{BASE}}/{{ID}}/resend" class="inline-form"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="to" value="portal"><button type="submit" class="btn btn-small btn-secondary" title="{{_resend_invite_portal}}">{{_resend_invite}}</button></form>{{/RESEND_PORTAL}}</dd></div>
<div><dt>{{_mobile_app}}</dt><dd>{{APP_STATE}}{{#RESEND_APP}} <form method="post" action="{{BASE}}/{{ID}}/resend" class="inline-form"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="to" value="app"><button type="submit" class="btn btn-small btn-secondary" title="{{_resend_invite_app}}">{{_resend_invite}}</button></form>{{/RESEND_APP}}</dd></div>
<div><dt>{{_twofa_title}}</dt><dd class="twofa-state">{{TWOFA_STATE}}
{{#CAN_TWOFA_RESET}}<form method="post" action="{{BASE}}/{{ID}}/two-factor-reset" class="inline-form"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="btn btn-small btn-danger-outline">{{_twofa_reset}}</button></form>{{/CAN_TWOFA_RESET}}</dd></div>{{/APPS}}
{{#TEAM_ACCESS}}<div><dt>{{_plat_acc_platform_access}}</dt><dd>{{PLATFORM_STATE}}</dd></div>{{/TEAM_ACCESS}}
{{#INVITE_EXPIRES}}<div><dt>{{_invite_expiry}}</dt><dd class="invite-expiry">{{_invite_expires_on}} {{WHEN}} UTC</dd></div>{{/INVITE_EXPIRES}}
{{#INVITE_EXPIRED}}<div><dt>{{_invite_expiry}}</dt><dd class="invite-expiry">{{_invite_expired_on}} {{WHEN}} UTC</dd></div>{{/INVITE_EXPIRED}}
</dl>
</section>{{/ACCOUNT}}
{{>API_TOKENS}}
{{#LEAVING}}<section class="panel" aria-labelledby="leave-h">
<div class="panel-header"><h2 id="leave-h">{{_leaving_date}}</h2>
{{#CAN_CANCEL}}<form method="post" action="{{BASE}}/{{ID}}/leaving"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="cancel" value="1"><button type="submit" class="btn btn-small btn-secondary">{{_leaving_cancel}}</button></form>{{/CAN_CANCEL}}
</div>
<p class="leaving-state">{{#LEAVES}}{{_leaving_on}} {{DATE}} (UTC)</p><p class="hint">{{_leaving_effects}}{{/LEAVES}}{{#NOT_LEAVING}}{{_leaving_none}}{{/NOT_LEAVING}}</p>
{{#LEAVE_FORM}}<form method="post" action="{{BASE}}/{{ID}}/leaving" class="stack" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field{{#LEAVE_ON_ERROR}} field-error{{/LEAVE_ON_ERROR}}">
<label for="leave_on">{{_leaving_date}} <span class="hint">(YYYY-MM-DD, UTC)</span></label>
{{#LEAVE_ON_ERROR}}<p class="error-message" id="leave_on-error">{{MESSAGE}}</p>{{/LEAVE_ON_ERROR}}
<input type="date" id="leave_on" name="leave_on" value="{{LEAVE_ON_VALUE}}" maxlength="10"{{#LEAVE_ON_ERROR}} aria-invalid="true" aria-describedby="leave_on-error"{{/LEAVE_ON_ERROR}}>
</div>
<button type="submit" class="btn btn-secondary">{{_leaving_set}}</button>
</form>{{/LEAVE_FORM}}
</section>{{/LEAVING}}
