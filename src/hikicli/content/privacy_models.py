"""The strict model of content/<lang>/privacy.yaml (words for encryption and backups)."""

from __future__ import annotations

from hikicli.content.models import Strict, Text


class PrivacyContent(Strict):
    passphrase_prompt: Text
    passphrase_again: Text  # {attempt} {tries}: after a wrong passphrase, before another try
    export_passphrase_prompt: Text  # {file}: `hiki data import` of a sealed export
    export_passphrase_again: Text  # {attempt} {tries}: the export's passphrase was wrong
    new_passphrase: Text
    new_passphrase_again: Text
    passphrase_mismatch: Text
    encrypt_intro: Text
    export_intro: Text  # `hiki data export --encrypt` of data that is not encrypted
    encrypt_done: Text
    encrypt_already: Text
    decrypt_done: Text
    passphrase_done: Text
    backup_done: Text
    backup_nothing: Text
    backup_list_empty: Text
    restore_confirm: Text
    restore_done: Text
    restore_kept: Text
