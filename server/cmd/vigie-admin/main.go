// Command vigie-admin manages Vigie rule releases: keys, bundles, signed
// manifests and the rule server's admin API. Private keys never leave this
// machine; the server only receives signed documents.
//
//	vigie-admin keygen root|release [-out PREFIX]
//	vigie-admin keys sign -root root.key -release release.pub=stable,beta … -version N [-out keys.json]
//	vigie-admin keys push [-server URL] [-token T] keys.json
//	vigie-admin pack -rules DIR -version V [-out bundle.json]
//	vigie-admin publish -key release.key (-bundle FILE | -default) [-channel stable] [-rollout 100] [-if-empty]
//	vigie-admin rollout -key release.key -percent N [-channel stable]
//	vigie-admin rollback -key release.key -to VERSION [-channel stable]
//	vigie-admin list [-channel stable]
//	vigie-admin audit [-limit 50]
//	vigie-admin verify -root root.pub (-keys F -manifest F -bundle F | -server URL) [-channel stable]
//	vigie-admin dev-init [-data ./data]
//
// The server and admin token come from -server and -token, else from
// VIGIE_SERVER (default http://127.0.0.1:8787) and VIGIE_ADMIN_TOKEN.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args, os.Getenv, os.Stdout); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "vigie-admin:", err)
		}
		os.Exit(1)
	}
}

// env carries what every command may need from its surroundings.
type env struct {
	getenv func(string) string
	stdout io.Writer
}

type command struct {
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

var commands = map[string]command{
	"keygen":   {"create a root or release key pair", cmdKeygen},
	"keys":     {"sign a keys document (keys sign) or upload one (keys push)", cmdKeys},
	"pack":     {"pack a rule tree into a bundle, refusing any rule that fails its examples", cmdPack},
	"publish":  {"sign a manifest for a bundle and upload both", cmdPublish},
	"rollout":  {"re-release the current bundle at another rollout percentage", cmdRollout},
	"rollback": {"re-release an earlier version's bundle as a new version", cmdRollback},
	"list":     {"list a channel's releases", cmdList},
	"audit":    {"show the server's audit log", cmdAudit},
	"verify":   {"check keys, manifest and bundle as an extension would", cmdVerify},
	"dev-init": {"create development keys, keys document and admin token in a data directory", cmdDevInit},
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	e := &env{getenv: getenv, stdout: stdout}
	if len(args) < 2 || args[1] == "help" || args[1] == "-h" || args[1] == "--help" {
		usage(stdout)
		if len(args) < 2 {
			return errors.New("missing command")
		}
		return nil
	}
	c, ok := commands[args[1]]
	if !ok {
		usage(stdout)
		return fmt.Errorf("unknown command %q", args[1])
	}
	if err := c.run(ctx, e, args[2:]); err != nil {
		return fmt.Errorf("%s: %w", args[1], err)
	}
	return nil
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: vigie-admin COMMAND [flags]; COMMAND -h for its flags")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
}

// flags returns a flag set for a command, printing help to stdout.
func (e *env) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stdout)
	return fs
}

// listFlag collects a repeated string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, " ") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }
