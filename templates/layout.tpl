{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{TITLE}}</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/app.css">
{{#BRAND}}<link rel="stylesheet" href="/brand.css?v={{BRAND_VERSION}}">{{/BRAND}}
<script src="/static/app.js"></script>
</head>
<body>
<a class="skip-link" href="#main">{{_skip_to_content}}</a>
<header class="topbar">
{{#SIGNED_IN}}<button type="button" class="menu-toggle" aria-expanded="false" aria-controls="sidenav">{{_menu}}</button>{{/SIGNED_IN}}
<a class="topbar-brand" href="/"><span class="operator-logo" aria-hidden="true"></span><span class="operator-name">{{OPERATOR_NAME}}</span><span class="product-name">{{_product_name}}</span></a>
{{#SIGNED_IN}}
<div class="topbar-user">
<span class="user-meta"><span class="user-name">{{USER_NAME}}</span><span class="user-email">{{USER_EMAIL}}</span></span>
<form method="post" action="/signout" class="signout"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="btn btn-small btn-topbar">{{_sign_out}}</button></form>
</div>
{{/SIGNED_IN}}
</header>
<div class="shell{{#SIGNED_IN}} shell-nav{{/SIGNED_IN}}">
{{#SIGNED_IN}}
<nav class="sidenav" id="sidenav" aria-label="{{_main_navigation}}">
<p class="nav-user">{{_signed_in_as}} <strong>{{USER_NAME}}</strong>{{USER_EMAIL}}</p>
<ul>
{{#NAV}}<li><a href="{{HREF}}" {{#CURRENT}}aria-current="page"{{/CURRENT}}>{{LABEL}}</a></li>
{{/NAV}}
</ul>
</nav>
{{/SIGNED_IN}}
<main id="main" tabindex="-1">
{{#NOTICE}}<div class="notice notice-success" role="status">{{NOTICE_TEXT}}</div>{{/NOTICE}}
{{>BODY}}
</main>
</div>
</body>
</html>
