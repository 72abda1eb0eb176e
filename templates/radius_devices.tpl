{{%AUTOESCAPE context="HTML"}}
<section class="panel" aria-labelledby="devices-h">
<h2 id="devices-h">{{_radius_connected_devices}}</h2>
{{#NONE}}<p class="panel-intro">{{_radius_no_devices}}</p>{{/NONE}}
{{#LIST}}<table class="table" id="connected-devices">
<caption class="visually-hidden">{{_radius_connected_devices}}</caption>
<thead><tr>
<th scope="col">{{_radius_device}}</th>
<th scope="col">{{_radius_site}}</th>
<th scope="col">{{_radius_since}}</th>
{{#CAN_DISCONNECT}}<th scope="col" class="col-actions"><span class="visually-hidden">{{_actions}}</span></th>{{/CAN_DISCONNECT}}
</tr></thead>
<tbody>
{{#DEVICE}}<tr>
<td data-label="{{_radius_device}}">{{NAME}}{{#MAC}} <span class="cell-sub mono">{{MAC}}</span>{{/MAC}}</td>
<td data-label="{{_radius_site}}">{{SITE}}</td>
<td data-label="{{_radius_since}}">{{SINCE}}</td>
{{#DISCONNECT}}<td class="col-actions"><form method="post" action="{{ACTION}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="session" value="{{SESSION}}">
<button type="submit" class="btn btn-small btn-danger-outline" aria-label="{{_radius_disconnect}} {{DEVICE_LABEL}}">{{_radius_disconnect}}</button>
</form></td>{{/DISCONNECT}}
</tr>
{{/DEVICE}}
</tbody>
</table>
<p class="hint">{{_radius_since_hint}}</p>{{/LIST}}
</section>
