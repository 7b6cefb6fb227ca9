#!/bin/sh
echo custom
