package mail

import "github.com/emersion/go-imap/v2/imapclient"

// catcher keeps message bodies that go-imap could not match to the FETCH
// command that asked for them.
type catcher struct{}

// handle reads one unsolicited FETCH response.
func (c *catcher) handle(msg *imapclient.FetchMessageData) { msg.Collect() }
