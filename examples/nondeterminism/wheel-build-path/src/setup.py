from setuptools import Extension, setup

setup(ext_modules=[Extension("speedup._fast", ["speedup/_fast.c"])], packages=["speedup"])
