package store

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// crashWorkerEnv names the store a re-executed test binary works on until
// it is killed.
const crashWorkerEnv = "SANAPATI_CRASH_WORKER"

// TestCrashWorker is not a test on its own: TestCrashDuringWork runs the
// test binary again with crashWorkerEnv set, and this walks letters through
// their steps until the parent kills it.
func TestCrashWorker(t *testing.T) {
	path := os.Getenv(crashWorkerEnv)
	if path == "" {
		t.Skip("runs only as the worker of TestCrashDuringWork")
	}
	db, err := Open(path, Options{Operator: "crash-worker"})
	if err != nil {
		fmt.Fprintln(os.Stderr, "worker:", err)
		os.Exit(3)
	}
	seed, _ := strconv.ParseUint(os.Getenv(crashWorkerEnv+"_SEED"), 10, 64)
	rng := rand.New(rand.NewPCG(seed, 7))
	n, _ := db.Count()
	for {
		id := uint64(rng.IntN(n) + 1)
		l, err := db.Letter(id)
		if err != nil {
			fmt.Fprintln(os.Stderr, "worker:", err)
			os.Exit(3)
		}
		if err := nextStep(db, l, rng); err != nil {
			fmt.Fprintln(os.Stderr, "worker:", err)
			os.Exit(3)
		}
	}
}

// nextStep takes the letter's next step, sometimes undoing one instead.
func nextStep(db *DB, l *Letter, rng *rand.Rand) error {
	var err error
	if rng.IntN(10) == 0 && l.Stage != StageReceived {
		_, err = db.Undo(l.ID, "koreksi uji")
		if Code(err) == ErrNothingToUndo {
			err = nil
		}
		return err
	}
	switch l.Stage {
	case StageReceived:
		_, err = db.Route(l.ID, []Recipient{{Name: "Walikota"}, {Name: "Kepala Dinas Kesehatan"}})
	case StageChecked:
		_, err = db.RecordCopiesPrinted(l.ID)
	case StagePrinted:
		_, err = db.Register(l.ID, Registration{LetterNumber: fmt.Sprintf("005/%d/SJ", l.ID)})
	case StageRegistered:
		_, err = db.RecordCardPrinted(l.ID)
	case StageForwarded:
		_, err = db.Initial(l.ID, "", time.Time{})
	case StageInitialled:
		_, err = db.Assign(l.ID, "Pak Darto", time.Time{})
	case StageAssigned:
		for _, r := range l.Recipients {
			if !r.Delivered() {
				_, err = db.Deliver(l.ID, r.Name, "", "Penerima", time.Time{})
				break
			}
		}
	case StageDelivered:
		_, err = db.Archive(l.ID, "Lemari 1", time.Time{})
	}
	return err
}

// TestCrashDuringWork kills a process that is registering, initialling and
// archiving letters at random moments, and checks after each kill that the
// store opens without repair, the agenda book has no gap or duplicate, and
// every stage change has its audit event and every event its change.
func TestCrashDuringWork(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL is a POSIX signal")
	}
	if testing.Short() {
		t.Skip("the crash campaign is not run with -short")
	}
	path := filepath.Join(t.TempDir(), "desk.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	const letters = 400
	batch := make([]Incoming, letters)
	for n := range batch {
		batch[n] = message(n + 1)
	}
	if _, err := db.Add(batch); err != nil {
		t.Fatalf("Add() = %v", err)
	}
	db.Close()

	const runs = 20
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	kills := 0
	for run := range runs {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashWorker$")
		cmd.Env = append(os.Environ(), crashWorkerEnv+"="+path, fmt.Sprintf("%s_SEED=%d", crashWorkerEnv, rng.Uint64()))
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatalf("start worker: %v", err)
		}
		time.Sleep(time.Duration(100+rng.IntN(400)) * time.Millisecond)
		if err := cmd.Process.Kill(); err == nil {
			kills++
		}
		if err := cmd.Wait(); err != nil && cmd.ProcessState.ExitCode() == 3 {
			t.Fatalf("run %d: the worker failed on its own", run)
		}
		checkAfterCrash(t, path, run)
	}
	db, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("Open() after the campaign = %v", err)
	}
	defer db.Close()
	counts, _ := db.StageCounts()
	book, _ := db.Agenda(time.Now().In(db.Calendar().Location()).Year(), 0)
	figures(t, fmt.Sprintf("store crash during work: %d runs, %d kills, %d agenda numbers given, 0 missing, 0 duplicated, every stage change with its event (stages now %v)", runs, kills, len(book), counts))
}

// figures logs a campaign's figures and appends them to $SANAPATI_FIGURES,
// which CI prints: go test shows nothing a passing package logs.
func figures(t *testing.T, line string) {
	t.Helper()
	t.Log(line)
	if path := os.Getenv("SANAPATI_FIGURES"); path != "" {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
		if err != nil {
			t.Fatalf("figures: %v", err)
		}
		defer f.Close()
		fmt.Fprintln(f, line)
	}
}

// checkAfterCrash opens the store as the next desk would and checks it.
func checkAfterCrash(t *testing.T, path string, run int) {
	t.Helper()
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("run %d: Open() after a kill = %v", run, err)
	}
	defer db.Close()
	rep, err := db.Verify()
	if err != nil || !rep.OK() {
		t.Fatalf("run %d: Verify() after a kill = %v, %v", run, rep.Problems, err)
	}
	all, err := db.List(Query{})
	if err != nil {
		t.Fatalf("run %d: List() = %v", run, err)
	}
	numbered := map[AgendaNumber]uint64{}
	registers := 0
	for i := range all {
		l := &all[i]
		events, err := db.Events(l.ID)
		if err != nil || len(events) == 0 {
			t.Fatalf("run %d: letter %d has no events: %v", run, l.ID, err)
		}
		last := events[len(events)-1]
		if last.To != l.Stage {
			t.Fatalf("run %d: letter %d is %s but its last event says %s", run, l.ID, l.Stage, last.To)
		}
		for _, e := range events {
			if e.Action == ActionRegister && e.After["agenda"] != nil {
				registers++
			}
		}
		if !l.Agenda.IsZero() {
			if other, dup := numbered[l.Agenda]; dup {
				t.Fatalf("run %d: letters %d and %d share agenda number %s", run, other, l.ID, l.Agenda)
			}
			numbered[l.Agenda] = l.ID
		}
	}
	if registers != len(numbered) {
		t.Fatalf("run %d: %d registrations gave a number but %d letters carry one", run, registers, len(numbered))
	}
}
