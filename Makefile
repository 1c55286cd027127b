# The two commands a newcomer needs: `make run` and `make test`.
# Both install what is missing (scripts/setup.sh), then build with CMake.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
DB   ?= var/gonghui.db
PORT ?= $(or $(GONGHUI_PORT),8080)

.PHONY: run test setup build build-asan build-fuzz web clean lint

run: setup build web
	@mkdir -p var && chmod 0700 var
	@if [ ! -e "$(DB)" ]; then ./build/gonghui init --db "$(DB)" --demo; fi
	./build/gonghui serve --db "$(DB)" --port "$(PORT)"

test: setup build build-asan build-fuzz web
	./scripts/test.sh

setup:
	@./scripts/setup.sh

build:
	@cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build build -j $(JOBS)

build-asan:
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DGH_SANITIZE=ON >/dev/null
	@cmake --build build-asan -j $(JOBS)

build-fuzz:
	@CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DGH_FUZZ=ON >/dev/null
	@cmake --build build-fuzz -j $(JOBS)

web:
	@./scripts/build-web.sh

lint:
	@./scripts/lint.sh

clean:
	rm -rf build build-asan build-fuzz web/dist
