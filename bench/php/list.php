<?php
// bench/php/list.php: the User management list written the way a PHP 8.2 application would,
// for `make bench` only (scripts/bench.sh serves it through PHP-FPM with opcache behind the same
// nginx). It does what the portal's /users page does for an occupier admin, with no cache:
//   1. the session check: the BLAKE2b-256 hash of the `sid` cookie, the session row (idle and
//      absolute expiry, last_seen refreshed once a minute), the user with their operator and
//      occupier (an admin of an occupier, else 403)
//   2. the filter `q` (any part of name or email: users.search_text, as the portal's SQL
//      fallback) and the page `page`: the count of matches, then a page of 50 users with
//      their Wi-Fi state and phone number/extension
//   3. the page as escaped HTML (htmlspecialchars), in the layout's structure
// Connection: a persistent mysqli connection (p:) per FPM child, the usual set-up for speed.
declare(strict_types=1);

const PAGE_SIZE = 50;
const IDLE_MINUTES = 30;
const ABSOLUTE_HOURS = 12;

mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);

function h(?string $s): string
{
    return htmlspecialchars($s ?? '', ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML5, 'UTF-8');
}

function fail(int $code, string $text): never
{
    http_response_code($code);
    header('Content-Type: text/plain; charset=utf-8');
    echo $text, "\n";
    exit;
}

$tok = $_COOKIE['sid'] ?? '';
if (strlen($tok) !== 64 || !ctype_xdigit($tok)) {
    fail(403, 'not signed in');
}
$hash = sodium_crypto_generichash($tok, '', 32);

$db = new mysqli('p:localhost', getenv('DB_USER'), getenv('DB_PASSWORD'), getenv('DB_NAME'), 0,
    getenv('DB_SOCKET'));
$db->set_charset('utf8mb4');

$st = $db->prepare('SELECT user_id, last_seen < UTC_TIMESTAMP() - INTERVAL ? MINUTE, '
    . 'created_at < UTC_TIMESTAMP() - INTERVAL ? HOUR, '
    . 'last_seen < UTC_TIMESTAMP() - INTERVAL 60 SECOND FROM sessions WHERE token_hash = ?');
$idle = IDLE_MINUTES;
$abs = ABSOLUTE_HOURS;
$st->bind_param('iis', $idle, $abs, $hash);
$st->execute();
$sess = $st->get_result()->fetch_row();
if ($sess === null || $sess[1] || $sess[2]) {
    fail(403, 'not signed in');
}
if ($sess[3]) {
    $st = $db->prepare('UPDATE sessions SET last_seen = UTC_TIMESTAMP() WHERE token_hash = ?');
    $st->bind_param('s', $hash);
    $st->execute();
}

$st = $db->prepare('SELECT u.id, u.operator_id, u.occupier_id, u.role, u.first_name, u.last_name, '
    . 'u.email, u.language, o.name AS operator_name, oc.name AS occupier_name FROM users u JOIN operators o ON o.id = u.operator_id '
    . 'JOIN occupiers oc ON oc.id = u.occupier_id WHERE u.id = ? '
    . "AND u.account_state IN ('AWAITING_VALIDATION','VALIDATED') AND u.password_hash IS NOT NULL");
$uid = (int)$sess[0];
$st->bind_param('i', $uid);
$st->execute();
$me = $st->get_result()->fetch_assoc();
if ($me === null || $me['role'] !== 'admin') {
    fail(403, 'not an occupier admin');
}

$q = trim((string)($_GET['q'] ?? ''));
if (strlen($q) > 254 || !mb_check_encoding($q, 'UTF-8')) {
    fail(400, 'bad filter');
}
$fq = mb_strtolower($q, 'UTF-8');
$like = '%' . addcslashes($fq, '%_\\') . '%';
$page = max(1, (int)($_GET['page'] ?? 1));
$op = (int)$me['operator_id'];
$occ = (int)$me['occupier_id'];

$st = $db->prepare('SELECT COUNT(*) FROM users WHERE operator_id = ? AND occupier_id = ? '
    . "AND (? = '' OR search_text LIKE ?)");
$st->bind_param('iiss', $op, $occ, $fq, $like);
$st->execute();
$total = (int)$st->get_result()->fetch_row()[0];
$pages = max(1, intdiv($total + PAGE_SIZE - 1, PAGE_SIZE));
$page = min($page, $pages);
$offset = ($page - 1) * PAGE_SIZE;
$limit = PAGE_SIZE;

$st = $db->prepare('SELECT u.id, u.first_name, u.last_name, u.email, u.role, u.account_state, '
    . "IFNULL(w.state, 'NO_ACCOUNT') AS wifi, p.number, p.extension FROM users u "
    . 'LEFT JOIN wifi_accounts w ON w.user_id = u.id '
    . 'LEFT JOIN phone_numbers p ON p.user_id = u.id AND p.operator_id = u.operator_id '
    . 'WHERE u.operator_id = ? AND u.occupier_id = ? '
    . "AND (? = '' OR u.search_text LIKE ?) "
    . 'ORDER BY u.last_name, u.first_name, u.id LIMIT ? OFFSET ?');
$st->bind_param('iissii', $op, $occ, $fq, $like, $limit, $offset);
$st->execute();
$rows = $st->get_result()->fetch_all(MYSQLI_ASSOC);

// The signed-out form's CSRF token: a keyed hash of the session, as the portal makes it.
$csrf = bin2hex(sodium_crypto_generichash($hash, str_repeat("\x5c", 32), 32));

$badges = [
    'ACTIVE' => ['badge-success', 'Active'], 'DEACTIVATED' => ['badge-muted', 'Deactivated'],
    'NO_ACCOUNT' => ['badge-outline', 'No account'], 'VALIDATED' => ['badge-success', 'Validated'],
    'AWAITING_VALIDATION' => ['badge-warning', 'Awaiting validation'],
    'NOT_INVITED' => ['badge-outline', 'Not invited'],
];
$badge = static function (string $state) use ($badges): string {
    [$class, $text] = $badges[$state] ?? ['badge-outline', $state];
    return '<span class="badge ' . h($class) . '">' . h($text) . '</span>';
};

header('Content-Type: text/html; charset=utf-8');
header('Cache-Control: no-store');
$name = h($me['first_name'] . ' ' . $me['last_name']);
?>
<!DOCTYPE html>
<html lang="<?= h($me['language']) ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>User management</title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js"></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="topbar">
<a class="topbar-brand" href="/"><span class="operator-name"><?= h($me['operator_name']) ?></span><span class="product-name">Occupier portal</span></a>
<div class="topbar-user">
<span class="user-meta"><span class="user-name"><?= $name ?></span><span class="user-email"><?= h($me['email']) ?></span></span>
<form method="post" action="/signout" class="signout"><input type="hidden" name="csrf" value="<?= $csrf ?>"><button type="submit" class="btn btn-small btn-topbar">Sign out</button></form>
</div>
</header>
<div class="shell shell-nav">
<nav class="sidenav" id="sidenav" aria-label="Main navigation">
<ul><li><a href="/users" aria-current="page">User management</a></li><li><a href="/profile">My profile</a></li></ul>
</nav>
<main id="main" tabindex="-1">
<div class="page-header"><div><h1>User management</h1><p class="page-subtitle"><?= h($me['occupier_name']) ?></p></div>
<div class="page-actions"><a class="btn btn-primary" href="/users/new">Add a user</a></div></div>
<div class="list-toolbar">
<p class="results-count" id="results-status" aria-live="polite">Users found: <?= $total ?></p>
<form method="get" action="/users" class="filter" role="search">
<label for="q">Filter users</label>
<input type="search" id="q" name="q" value="<?= h($q) ?>" maxlength="254">
<button type="submit" class="btn btn-secondary">Filter</button>
</form>
</div>
<table class="table">
<caption class="visually-hidden">Users</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Email address</th><th scope="col">Role</th><th scope="col">Phone number</th><th scope="col">Wi-Fi access</th><th scope="col">User account</th><th scope="col" class="col-actions"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody>
<?php foreach ($rows as $u) : $id = (int)$u['id']; $email = h($u['email']); ?>
<tr>
<td data-label="Name"><?= h($u['first_name'] . ' ' . $u['last_name']) ?></td>
<td data-label="Email address"><a class="row-link" href="/users/<?= $id ?>"><?= $email ?></a></td>
<td data-label="Role"><?= $u['role'] === 'admin' ? 'Admin' : 'User' ?></td>
<td data-label="Phone number"><?php if ($u['number'] !== null) : ?><?= h($u['number']) ?><span class="cell-sub">Extension <?= h($u['extension']) ?></span><?php else : ?><span class="badge badge-outline">Not assigned</span><?php endif; ?></td>
<td data-label="Wi-Fi access"><?= $badge($u['wifi']) ?></td>
<td data-label="User account"><?= $badge($u['account_state']) ?></td>
<td class="col-actions"><div class="row-actions"><a class="btn btn-small btn-secondary" href="/users/<?= $id ?>/edit" aria-label="Edit <?= $email ?>">Edit</a>
<a class="btn btn-small btn-danger-outline" href="/users/<?= $id ?>/delete" aria-label="Delete <?= $email ?>">Delete</a></div></td>
</tr>
<?php endforeach; ?>
<?php if (!$rows) : ?><tr class="empty-row"><td colspan="7">No users found</td></tr><?php endif; ?>
</tbody>
</table>
<nav class="pager" aria-label="Paging">
<span class="pager-status">Page <?= $page ?> of <?= $pages ?></span>
<span class="pager-links">
<?php if ($page > 1) : ?><a class="btn btn-small btn-secondary" href="/users?q=<?= h(rawurlencode($q)) ?>&amp;page=<?= $page - 1 ?>" rel="prev">Previous</a><?php endif; ?>
<?php if ($page < $pages) : ?><a class="btn btn-small btn-secondary" href="/users?q=<?= h(rawurlencode($q)) ?>&amp;page=<?= $page + 1 ?>" rel="next">Next</a><?php endif; ?>
</span>
</nav>
</main>
</div>
</body>
</html>
