// Renders every case of this directory with Go's own text/template, as goss renders a suite
// (Option("missingkey=error"), data {"Env": ..., "Vars": ...}), and writes what Go gives into the
// case: expected.txt (the output) or error.txt (Go's error). GoTemplateTest compares the engine's
// interpreter with these files. Run it again after adding a case:
//
//	cd engine/src/test/resources/gotemplate && go run render.go
//
// The Vars come from vars.json, decoded as yaml.v3 decodes goss's vars: whole numbers are int,
// other numbers float64.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"text/template"
)

func main() {
	dirs, _ := filepath.Glob("*/template.txt")
	for _, t := range dirs {
		dir := filepath.Dir(t)
		text, err := os.ReadFile(t)
		check(err)
		vars := map[string]interface{}{}
		if raw, err := os.ReadFile(filepath.Join(dir, "vars.json")); err == nil {
			d := json.NewDecoder(bytes.NewReader(raw))
			d.UseNumber()
			check(d.Decode(&vars))
			vars = numbers(vars).(map[string]interface{})
		}
		data := map[string]interface{}{
			"Env":  map[string]interface{}{"ROLE": "router", "EMPTY": ""},
			"Vars": vars,
		}
		os.Remove(filepath.Join(dir, "expected.txt"))
		os.Remove(filepath.Join(dir, "error.txt"))
		var out bytes.Buffer
		tmpl, err := template.New("goss.yaml").Option("missingkey=error").Parse(string(text))
		if err == nil {
			err = tmpl.Execute(&out, data)
		}
		if err != nil {
			check(os.WriteFile(filepath.Join(dir, "error.txt"), []byte(err.Error()+"\n"), 0o644))
		} else {
			check(os.WriteFile(filepath.Join(dir, "expected.txt"), out.Bytes(), 0o644))
		}
	}
	fmt.Println("rendered", len(dirs), "cases with", runtime.Version())
}

func numbers(v interface{}) interface{} {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return int(i)
		}
		f, err := x.Float64()
		check(err)
		return f
	case map[string]interface{}:
		for k, e := range x {
			x[k] = numbers(e)
		}
		return x
	case []interface{}:
		for i, e := range x {
			x[i] = numbers(e)
		}
		return x
	}
	return v
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}
