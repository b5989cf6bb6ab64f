-- The second database beside the application's: Rasa's conversations (TRACKER_STORE_URL).
CREATE DATABASE tracker OWNER lotse;
