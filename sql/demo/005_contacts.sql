-- Issue 13: the demo operators' contact addresses (sql/022), several per kind.
INSERT IGNORE INTO operator_contacts (operator_id, kind, email) VALUES
  (1, 'billing', 'accounts@demo.test'),
  (1, 'technical', 'hello@demo.test'),
  (1, 'emergency', 'emergency@demo.test'),
  (2, 'technical', 'hello@other.test'),
  (2, 'emergency', 'emergency@other.test');
