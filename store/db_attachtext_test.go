package store

import (
	"path/filepath"
	"testing"
	"time"
)

func TestAttachmentText(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "desk.db"), Options{})
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	defer db.Close()
	res, err := db.Add([]Incoming{{Raw: []byte("Subject: x\r\n\r\nbody\r\n"), ReceivedAt: time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)}})
	if err != nil || len(res.Added) != 1 {
		t.Fatalf("Add() = %+v, %v", res, err)
	}
	id := res.Added[0]
	if _, ok, err := db.AttachmentText(id, 0); ok || err != nil {
		t.Fatalf("AttachmentText() before any = %v, %v", ok, err)
	}
	want := AttachmentText{Index: 0, Source: "ocr", Pages: []string{"Nomor : 1/2", "Tembusan"}, PageCount: 5}
	if err := db.PutAttachmentText(id, want); err != nil {
		t.Fatalf("PutAttachmentText() = %v", err)
	}
	got, ok, err := db.AttachmentText(id, 0)
	if !ok || err != nil || got.Source != "ocr" || len(got.Pages) != 2 || got.PageCount != 5 || got.Complete() {
		t.Fatalf("AttachmentText() = %+v, %v, %v", got, ok, err)
	}
	if _, ok, _ := db.AttachmentText(id, 1); ok {
		t.Fatal("AttachmentText(1) found the text of attachment 0")
	}
	events, err := db.Events(id)
	if err != nil {
		t.Fatal(err)
	}
	last := events[len(events)-1]
	if last.Action != ActionReadAttachment || string(last.After["attachment_text"]) == "" {
		t.Fatalf("last event = %+v, want the reading recorded", last)
	}
	if r, err := db.Verify(); err != nil || !r.OK() {
		t.Fatalf("Verify() = %v, %v", r.Problems, err)
	}
	if err := db.PutAttachmentText(999, want); Code(err) != ErrNotFound {
		t.Fatalf("PutAttachmentText(no letter) = %v, want %s", err, ErrNotFound)
	}
}
