"""Operations: backup and restore, restore drills, scheduled backups."""
