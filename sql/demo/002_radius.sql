-- Demo RADIUS clients (issue 14): which NAS is at which site. A NAS is named by its
-- NAS-Identifier, or by its NAS-IP-Address when it sends none (radtest sends only that).
INSERT INTO radius_nas (operator_id, site_id, nas_key) VALUES
  (1, 1, 'london-bridge'), (1, 1, '127.0.0.1'),
  (1, 2, 'canary-wharf'), (1, 2, '127.0.0.2'),
  (2, 3, 'leeds-dock'), (2, 3, '127.0.0.3');
