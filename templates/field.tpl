{{%AUTOESCAPE context="HTML"}}
<div class="field{{#ERROR}} field-error{{/ERROR}}">
<label for="{{NAME}}">{{LABEL}}{{#REQUIRED}} <span class="req">({{_required_marker_text}})</span>{{/REQUIRED}}</label>
{{#ERROR}}<p class="error-message" id="{{NAME}}-error">{{MESSAGE}}</p>{{/ERROR}}
<input type="{{TYPE}}" id="{{NAME}}" name="{{NAME}}" value="{{VALUE}}" maxlength="{{MAX}}"{{#REQUIRED}} required{{/REQUIRED}} autocomplete="off"{{#ERROR}} aria-invalid="true" aria-describedby="{{NAME}}-error"{{/ERROR}}>
</div>
