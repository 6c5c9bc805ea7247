-- Buttons under a live-chat reply (a satisfaction survey's scale): what the widget offers,
-- and the visitor's answer. The first answer is final: the widget shows the buttons answered
-- (also after a reload), and a second press is not published again.
ALTER TABLE livechat_entries ADD COLUMN choices jsonb;
ALTER TABLE livechat_entries ADD COLUMN chosen text;
