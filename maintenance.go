package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"text/tabwriter"

	"sanapati-desk/store"
)

// The commands that keep the store rather than a letter: the directory of
// recipients and officials, the backup and the verification.

func cmdDirectory(a *app, args []string) error {
	fs := newFlags(a, "directory")
	asJSON := fs.Bool("json", false, "print JSON")
	set := fs.String("set", "", "replace the directory with this JSON file (as --json prints it)")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	db, err := a.open()
	if err != nil {
		return err
	}
	if *set != "" {
		data, err := os.ReadFile(*set)
		if err != nil {
			return fmt.Errorf("read directory: %w", err)
		}
		var d store.Directory
		if err := json.Unmarshal(data, &d); err != nil {
			return fmt.Errorf("read directory %s: %w", *set, err)
		}
		if err := db.SetDirectory(&d, "directory --set "+*set); err != nil {
			return err
		}
	}
	d, err := db.Directory()
	if err != nil {
		return err
	}
	if *asJSON {
		return a.writeJSON(d)
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, a.txt.T("cli.dir.recipients"))
	for _, r := range d.Recipients {
		fmt.Fprintf(tw, "%s\t%s\n", r.Name, a.txt.Channel(r.Channel))
	}
	fmt.Fprintln(tw, "\n"+a.txt.T("cli.dir.officials"))
	for i, o := range d.Officials {
		fmt.Fprintf(tw, "%d. %s\t\n", i+1, o.Position)
	}
	fmt.Fprintln(tw, "\n"+a.txt.T("cli.dir.couriers"))
	for _, c := range d.Couriers {
		fmt.Fprintf(tw, "%s\t\n", c.Name)
	}
	return tw.Flush()
}

func cmdBackup(a *app, args []string) error {
	fs := newFlags(a, "backup")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give the backup file's path")
	}
	db, err := a.open()
	if err != nil {
		return err
	}
	if err := db.BackupFile(pos[0]); err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, pos[0])
	return nil
}

func cmdVerify(a *app, args []string) error {
	fs := newFlags(a, "verify")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := a.open()
	if err != nil {
		return err
	}
	rep, err := db.Verify()
	if err != nil {
		return err
	}
	for _, p := range rep.Problems {
		fmt.Fprintln(a.stdout, p)
	}
	fmt.Fprintln(a.stdout, a.txt.T("cli.verify", rep.Letters, rep.Events, a.txt.Size(rep.RawBytes)))
	if rep.OK() {
		fmt.Fprintln(a.stdout, a.txt.T("cli.verify_ok"))
	}
	if !rep.OK() {
		return errors.New(a.txt.T("cli.verify_failed", len(rep.Problems)))
	}
	return nil
}
