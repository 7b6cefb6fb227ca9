// Evaluates every constraint and version of cases.tsv with blang/semver v4 as goss's
// semver-constraint matcher does (semver.ParseRange, then semver.Parse of the version), and
// writes expected.tsv: constraint, version, and true, false, bad-range or bad-version.
// SemverMatcherTest compares the engine's matcher with it. Run it again after adding a case
// (Debian: golang-go, golang-github-blang-semver-dev):
//
//	cd engine/src/test/resources/semver && GO111MODULE=off GOPATH=/usr/share/gocode go run semver.go
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"github.com/blang/semver"
)

func main() {
	in, err := os.Open("cases.tsv")
	if err != nil {
		panic(err)
	}
	defer in.Close()
	out, err := os.Create("expected.tsv")
	if err != nil {
		panic(err)
	}
	defer out.Close()
	s := bufio.NewScanner(in)
	n := 0
	for s.Scan() {
		line := s.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		fmt.Fprintf(out, "%s\t%s\t%s\n", f[0], f[1], eval(f[0], f[1]))
		n++
	}
	fmt.Println("evaluated", n, "cases")
}

func eval(constraint, version string) string {
	r, err := semver.ParseRange(constraint)
	if err != nil {
		return "bad-range"
	}
	v, err := semver.Parse(version)
	if err != nil {
		return "bad-version"
	}
	return fmt.Sprint(r(v))
}
