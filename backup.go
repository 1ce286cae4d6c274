package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"sanapati-desk/store"
)

// backupConfig is where the desk keeps its daily backups.
type backupConfig struct {
	// Dir holds the backups; "" means a "cadangan" folder beside the store.
	Dir string `toml:"dir"`
	// KeepDays is how many days of backups are kept; 0 means 14.
	KeepDays int `toml:"keep_days"`
}

const defaultKeepDays = 14

// backupPrefix and backupLayout name a daily backup: desk-2026-12-02.db.
const (
	backupPrefix = "desk-"
	backupLayout = "2006-01-02"
)

// backupDir is the folder of the daily backups.
func (a *app) backupDir() string {
	if a.cfg.Backup.Dir != "" {
		return a.cfg.Backup.Dir
	}
	return filepath.Join(filepath.Dir(a.dbPath), "cadangan")
}

// dailyBackup takes the day's backup of the store if none was taken yet
// today, into an owner-only folder, and removes those older than the days
// kept. It returns the backup's path, or "" when today's was there.
func dailyBackup(db *store.DB, dir string, keepDays int, now time.Time) (string, error) {
	if keepDays <= 0 {
		keepDays = defaultKeepDays
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("daily backup: %w", err)
	}
	today := now.In(db.Calendar().Location())
	path := filepath.Join(dir, backupPrefix+today.Format(backupLayout)+".db")
	made := ""
	if _, err := os.Stat(path); os.IsNotExist(err) {
		if err := db.BackupFile(path); err != nil {
			return "", fmt.Errorf("daily backup: %w", err)
		}
		made = path
	}
	return made, pruneBackups(dir, today.AddDate(0, 0, -keepDays+1))
}

// backupNow copies the store into the backup folder at once, named by
// the day and the time (desk-2026-12-02-140512.db): the operator's backup
// key. It is kept as long as the daily ones.
func backupNow(db *store.DB, dir string, now time.Time) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	at := now.In(db.Calendar().Location())
	path := filepath.Join(dir, backupPrefix+at.Format(backupLayout)+"-"+at.Format("150405")+".db")
	if err := db.BackupFile(path); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	return path, nil
}

// pruneBackups removes the backups of days before oldest, daily and taken
// by the key alike; other files in the folder are left alone.
func pruneBackups(dir string, oldest time.Time) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("daily backup: %w", err)
	}
	limit := oldest.Format(backupLayout)
	var old []string
	for _, e := range entries {
		day, ok := strings.CutSuffix(strings.TrimPrefix(e.Name(), backupPrefix), ".db")
		if !strings.HasPrefix(e.Name(), backupPrefix) || !ok || e.IsDir() {
			continue
		}
		if len(day) == len(backupLayout)+7 && day[len(backupLayout)] == '-' {
			day = day[:len(backupLayout)] // taken by the key, at a time of day
		}
		if _, err := time.Parse(backupLayout, day); err == nil && day < limit {
			old = append(old, e.Name())
		}
	}
	slices.Sort(old)
	for _, name := range old {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("daily backup: %w", err)
		}
	}
	return nil
}
