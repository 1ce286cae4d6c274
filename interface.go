package main

import "errors"

func init() {
	commands[""] = command{"start the desk's interface", cmdInterface}
}

func cmdInterface(a *app, args []string) error {
	return errors.New("the interface is not built yet: use the subcommands (sanapati-desk --help)")
}
